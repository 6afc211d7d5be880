// Package bulk provisions many call centers at once from a CSV bulk sheet
// or from data, and returns one [Result] per input row, in input order.
//
// It works with any [Target] (a *broadworks.Client, an *apio.Client):
//
//	client, err := broadworks.NewClient("bw.example.com", "admin", os.Getenv("BW_PASSWORD"), broadworks.WithSessions(4))
//	if err != nil { ... }
//	defer client.Close()
//	f, _ := os.Open("call-centers.csv")
//	results, err := bulk.CreateFromCSV(ctx, client, f, bulk.Concurrency(4))
//
// The sheet is reference 000's: the call-center bulk sheet of mercury-ocip
// (https://github.com/Fourteen-IP/mercury-ocip; see package callcenter),
// one call center per row, its columns in any order and any case, comma,
// semicolon or tab separated, in UTF-8 (UTF-16 with a byte order mark, or
// another encoding with [Encoding]). A result names its row's line as a
// spreadsheet shows it ([Result.Line]).
//
// Rows are parsed, given the defaults of reference 000, validated (including
// the per-type option rules) and turned into vendor commands before anything
// is sent; [DryRun] stops there and opens no connection. A failing row never
// stops the others; a failure that will hit every row alike (a refused
// login, a server that cannot be reached: see [ErrSystemic]) stops the run,
// and the rows not sent end [StatusSkipped]. A create whose outcome is
// unknown (the connection broke after the request was sent) is never sent
// again blindly: bulk looks the call center up and reports it created,
// already existing (with the stored data compared) or failed. [ResultsTo]
// writes results as JSON Lines as rows finish, and [Resume] reruns only the
// rows that did not end well. Nothing changes in silence: a result lists
// the columns the defaults filled ([Result.Defaulted]) and the numbers it
// normalized ([Result.Normalized]).
//
// [ApplyFromCSV] makes the platform match a sheet (create, modify only what
// differs, leave the rest, and with [Prune] delete what the sheet no longer
// lists, at most [MaxDeletes]); [PlanOnly] shows what it would do and
// [PlanTo] saves it for [ApplyPlan], which carries out exactly that plan;
// [BackupTo] keeps what a run replaces; [ExportCSV] writes a group's call
// centers (or a whole service provider's) as a sheet that Apply reads
// back.
//
// [ModifyAgentsFromCSV] staffs call centers from mercury-ocip's agent
// sheet (call.center.update.agent.list, plus skill level and supervisor
// columns), applying each row as a difference that never resets a skill
// level, with removals limited by [MaxDeletes]; [ExportAgentsCSV] writes a
// group's staffing as that sheet, and [SheetOperation] tells the two kinds
// of sheet apart.
//
// Runs batch by default: where the platform can (OCI-P carries 15
// commands in a document), the commands of the rows in flight go out
// together, reads and writes alike, with the same results row for row as
// one at a time; see [Batch].
//
// A platform of one's own is a [Target] too: its BulkOps returns
// [platform.Ops], whose optional methods (package platform) decide what
// bulk can do with it.
//
// For very large inputs use [StreamCSV] or [Stream]: they hold only the
// rows in flight (plus 8 bytes a row to catch duplicate service user ids),
// so a million-row file runs in about 33 MiB.
package bulk
