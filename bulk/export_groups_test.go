package bulk_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
)

// TestExportServiceProvider: an export without a group writes every group
// of the service provider (and nothing of another), and applying it back
// writes nothing; a Target that cannot list groups is refused with an
// error naming what it lacks.
func TestExportServiceProvider(t *testing.T) {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig())))
	defer client.Close()
	ctx := context.Background()
	in := sheet(3) + "call.center.create,SP,G2,g2@example.com,pw,Basic,Circular\n" + "call.center.create,Other,G1,other@example.com,pw,Basic,Circular\n"
	if _, err := bulk.CreateFromCSV(ctx, client, strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	n, err := bulk.ExportCSV(ctx, client, &out, "SP", "")
	if err != nil || n != 4 {
		t.Fatalf("exported %d: %v", n, err)
	}
	sheet := out.String()
	for _, want := range []string{"SP,G1,cc0@example.com", "SP,G1,cc2@example.com", "SP,G2,g2@example.com"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("the export lacks %s:\n%s", want, sheet)
		}
	}
	if strings.Contains(sheet, "other@example.com") {
		t.Errorf("the export holds another service provider's call center:\n%s", sheet)
	}
	before := srv.Stats()
	res, err := bulk.ApplyFromCSV(ctx, client, strings.NewReader(sheet))
	if err != nil || statuses(res)[bulk.StatusUnchanged] != 4 || srv.Stats().Modifies != before.Modifies || srv.Stats().Adds != before.Adds {
		t.Errorf("applying the export: %v, %v", err, statuses(res))
	}
	if _, err := bulk.ExportCSV(ctx, newMemApply(), &out, "SP", ""); err == nil || !strings.Contains(err.Error(), "platform.GroupLister") {
		t.Errorf("a Target without ListGroups: %v", err)
	}
}
