package ocip

// SuccessResponse is the empty answer to a request that carried out its work.
type SuccessResponse struct{}

// OCIType returns "SuccessResponse".
func (*SuccessResponse) OCIType() string { return "SuccessResponse" }

func init() {
	register(func() decodable { return new(SuccessResponse) })
}

func (*SuccessResponse) decode(d *decoder, name []byte, empty bool) bool {
	return d.children(name, empty, d.skip)
}
