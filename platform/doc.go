// Package platform is the contract between package bulk and the packages
// of the platforms it drives, in the way database/sql/driver is the
// contract between database/sql and its drivers: the operations bulk runs
// on a platform, and the error conditions every platform package's errors
// match.
//
// Most programs never import it: they pass a *broadworks.Client or an
// *apio.Client to bulk (bulk.CreateFromCSV(ctx, client, f)) and match
// errors with the vendor package's names (broadworks.ErrOutcomeUnknown is
// platform.ErrOutcomeUnknown, and so is bulk.ErrOutcomeUnknown). It is for
// code that gives bulk a platform of its own, or wraps one:
//
//	type myClient struct{ ... }
//
//	// BulkOps makes *myClient a bulk.Target.
//	func (c *myClient) BulkOps() platform.Ops { return myOps{c} }
//
// Every platform implements [Ops]: build and send a create, read a call
// center back. The other interfaces are optional methods that bulk looks
// for on the Ops (a type assertion, as database/sql looks for a driver's
// optional interfaces) and uses when they are there: [Lister] (export, and
// the check after "already exists"), [GroupLister] (export of a whole
// service provider), [Applier] (apply: modify and delete), [Staffer]
// (agents and supervisors), [Batcher] (several commands in one request),
// [ReadBatcher] (reads in those requests too), [DeleteBuilder] (deletes as
// commands a Batcher sends), [StaffingBatcher] (staffing reads and changes
// in those requests), [WireEncoder] (the bytes a dry run proves and
// bulk.ShowWire prints).
//
// The package is a leaf: it imports the model (callcenter) and the
// standard library only, so the platform packages, the HTTP layer and bulk
// all import it without importing one another.
package platform
