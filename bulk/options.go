package bulk

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"time"
)

// Option configures a bulk run.
type Option func(*config)

type config struct {
	dryRun      bool
	concurrency int
	progress    func(Progress)
	out         io.Writer
	resume      io.Reader
	prev        []Result
	settle      []time.Duration
	batch       int
	total       int
	wire        io.Writer
	prune       bool
	plan        bool
	maxDeletes  int       // Prune's limit (DefaultMaxDeletes unless MaxDeletes)
	setPass     bool      // SetPasswords
	backup      io.Writer // BackupTo
	planOut     io.Writer // PlanTo
	fromPlan    *planDoc  // ApplyPlan: the plan carried out
	finish      bool      // FinishInFlight
	csv         csvOptions
	bad         []error // option problems, reported when the run starts
}

func newConfig(opts []Option) *config {
	cfg := &config{concurrency: DefaultConcurrency, batch: DefaultBatch, settle: defaultSettleDelays(), maxDeletes: DefaultMaxDeletes}
	for _, o := range opts {
		o(cfg)
	}
	if cfg.resume != nil && cfg.prev != nil {
		cfg.bad = append(cfg.bad, errors.New("bulk: Resume and ResumeResults both given: pass the earlier results once"))
	}
	if cfg.prune && cfg.dryRun {
		cfg.bad = append(cfg.bad, errors.New("bulk: Prune with DryRun: a dry run opens no connection, so it cannot know what to delete; use PlanOnly to see what Prune would delete"))
	}
	if cfg.maxDeletes < 0 {
		cfg.bad = append(cfg.bad, fmt.Errorf("bulk: MaxDeletes(%d): want 0 or more", cfg.maxDeletes))
	}
	if cfg.fromPlan != nil && (cfg.plan || cfg.prune || cfg.dryRun) {
		cfg.bad = append(cfg.bad, errors.New("bulk: ApplyPlan carries out a plan as it is: PlanOnly, Prune and DryRun do not apply"))
	}
	if cfg.planOut != nil && !cfg.plan {
		cfg.bad = append(cfg.bad, errors.New("bulk: PlanTo without PlanOnly: a plan is written by a run that writes nothing else"))
	}
	if cfg.concurrency < 1 {
		cfg.concurrency = 1
	}
	return cfg
}

// DryRun parses, applies defaults, validates, builds every command and
// encodes it to its wire bytes (where the platform can: see [ShowWire]), and
// sends nothing: the platform is asked only to build and encode commands,
// which does no I/O. So a dry run proves every row can be written.
func DryRun() Option { return func(c *config) { c.dryRun = true } }

// ShowWire, in a dry run, writes each row's command as it would go on the
// wire (for OCI-P: the XML command element) to w, one per line, in input
// order. Platforms whose commands have no wire form of their own write
// nothing.
func ShowWire(w io.Writer) Option { return func(c *config) { c.wire = w } }

// Concurrency sets how many requests a run has in flight at once (default
// 4; values below 1 mean 1): without batching, how many rows are handled
// at once; with it ([Batch]), how many batches. Results still come back in
// input order. Use a platform client that can serve that many requests at
// once (e.g. broadworks.WithSessions).
func Concurrency(n int) Option { return func(c *config) { c.concurrency = n } }

// DefaultBatch is how many rows' commands a run sends in one request
// unless [Batch] says otherwise: 15, what an OCI-P document takes.
const DefaultBatch = 15

// Batch sets how many rows' commands go out together in one request, where
// the platform's Ops can send several at once (a [platform.Batcher]; the
// number is capped at its MaxBatch: OCI-P takes 15 commands in a
// document). Every run batches by default ([DefaultBatch]); Batch(1) (or
// less) sends each command on its own.
//
// Each of the [Concurrency] workers keeps up to n rows in flight, and once
// every one of them waits for the platform, their calls go out in one
// request: creates, modifies and deletes (the Ops' writes), and, where the
// Ops batch reads too ([platform.ReadBatcher]), the reads of plans,
// applies, [ApplyPlan], [ExportCSV] and of the settling of unknown
// outcomes, reads and writes in the same request; where they batch
// staffing ([platform.StaffingBatcher]), the reads and changes of
// [ModifyAgentsFromCSV] and the reads of [ExportAgentsCSV] too (a request
// then carries at most n of the platform's commands, a staffing read or
// change counting as the several it is). A row starts as soon as
// another ends, so the reads of new rows go out with the writes of rows
// read before. Results, failures and the settling of unknown outcomes are
// per row, as without batching, and results come in input order: one
// command refused fails only its row; when a request is lost, each of its
// rows is settled as its request alone would be (reads are sent again,
// writes whose outcome is unknown are looked up, never sent again). What
// must happen before a write still does, row by row: the [BackupTo] row of
// a modify, delete or staffing change is written before the request
// carrying it goes out, and [ApplyPlan] reads each call center again
// before writing it. With [FinishInFlight] a request that carries a write
// goes out whole after a cancellation, the reads in it included. Over a
// round trip of 20 ms with 4 sessions this makes plans and exports about
// 15 times faster (BENCHMARKS.md).
func Batch(n int) Option { return func(c *config) { c.batch = n } }

// Total tells the run how many rows the input holds, so that [Progress]
// can report it (CreateFromData and ApplyFromData know it themselves).
func Total(n int) Option { return func(c *config) { c.total = n } }

// Progress is what a progress callback receives after each row.
type Progress struct {
	Done      int // rows finished so far
	Total     int // rows in the input, when known ([Total]); 0 otherwise
	Succeeded int
	Failed    int
	// Elapsed is the time since the run started.
	Elapsed time.Duration
	// Rate is Done per second of Elapsed.
	Rate float64
	Last *Result // the row just finished
}

// Remaining estimates the time left at the current rate (0 when the total
// or the rate is unknown).
func (p Progress) Remaining() time.Duration {
	if p.Total <= p.Done || p.Rate <= 0 {
		return 0
	}
	return time.Duration(float64(p.Total-p.Done) / p.Rate * float64(time.Second))
}

// OnProgress calls fn after each row finishes, in input order, from one
// goroutine at a time.
func OnProgress(fn func(Progress)) Option { return func(c *config) { c.progress = fn } }

// ResultsTo writes each result to w as one JSON line (see
// [Result.MarshalJSON]) as rows finish, in input order, so a run that is
// stopped part-way can be resumed from what it wrote.
func ResultsTo(w io.Writer) Option { return func(c *config) { c.out = w } }

// Resume reads the JSON Lines results of an earlier run of the same input
// (as [ResultsTo] wrote them) and reruns only the rows that did not end
// well. Rows that did are reported with [StatusDone], as long as they ask
// for what their earlier result recorded: a row edited since (a cell that
// differs from the result's data) runs again. Rows of a dry run or a
// plan ([StatusValidated], planned results) are not done: they are run. Rows
// whose outcome was left unknown are looked up before anything is sent. A
// row whose service user id differs from the earlier result's is an error:
// the input changed. The results of deletions ([Result.Prune]) are never
// taken for sheet rows; they count for the same deletions of a plan
// resumed with [ApplyPlan]. A last line cut short (a run that died while writing
// it) counts as no result: that row runs again. Resume and [ResumeResults]
// together are an error.
func Resume(previous io.Reader) Option { return func(c *config) { c.resume = previous } }

// ResumeResults is [Resume] for results held in memory.
func ResumeResults(previous []Result) Option {
	return func(c *config) {
		c.prev = previous
		if c.prev == nil {
			c.prev = []Result{}
		}
	}
}

// Prune makes [ApplyFromCSV] and [ApplyFromData] also delete the call
// centers of the sheet's groups that the sheet does not list
// ([StatusDeleted], one result each after the sheet's rows, marked
// [Result.Prune]). Without it nothing is ever deleted.
//
// Service user ids are compared by the identity rule of
// [callcenter.UserIDKey] (case and surrounding spaces do not make another
// id), and a call center whose id the sheet may name in another Unicode
// form (NFD for NFC, fullwidth letters, ß for SS) is never deleted. The
// whole input is read, and each of its groups listed, before anything is
// written: a prune that would delete more than [MaxDeletes] call centers
// (default [DefaultMaxDeletes]) writes nothing at all and the run returns a
// *[TooManyDeletesError] (matching [ErrTooManyDeletes]). Whatever the sheet
// cannot settle cancels a prune, with a failed result saying why, so that
// no call center is deleted because its row was unreadable: a line that
// cannot be read, or a row without service provider or group, cancels every
// group's prune; a row of a group whose service user id is invalid, or
// names two call centers the group holds that the rule cannot tell apart,
// cancels that group's prune; so does a row whose group cells are wrong
// (its call center is in another group: listed in another group of the
// sheet, named in rows of two groups, or found elsewhere when the row is
// read or created), for the group it names. Each call center is read again
// just before its delete (and written to [BackupTo]); a delete whose answer
// was lost is settled by looking it up. A run stopped by a systemic failure
// or cancelled prunes nothing.
func Prune() Option { return func(c *config) { c.prune = true } }

// DefaultMaxDeletes is how many call centers a run with [Prune] may delete
// unless [MaxDeletes] says otherwise.
const DefaultMaxDeletes = 10

// MaxDeletes sets how many call centers a run with [Prune] (or an
// [ApplyPlan]) may delete, and how many agents and supervisors a run of
// an agent sheet ([ModifyAgentsFromCSV]) may take off their call centers
// (default [DefaultMaxDeletes]; 0 allows none).
// The limit is checked before the run's first write: a run past it writes
// nothing and returns a *[TooManyDeletesError]. A plan ([PlanOnly]) is not
// limited: it shows every delete, and applying it is.
func MaxDeletes(n int) Option { return func(c *config) { c.maxDeletes = n } }

// SetPasswords makes an apply send the password cells of call centers that
// exist (a modify of the password, listed in the result's Differences and
// in a plan). Without it a password cell on an existing call center is not
// sent, and the result warns that it was not ([Result.Warnings]): a
// password cannot be read back, so apply cannot tell whether it differs.
func SetPasswords() Option { return func(c *config) { c.setPass = true } }

// BackupTo makes an apply write, before each modify or delete it sends,
// the stored call center as a row of a bulk sheet to w (every column but
// the password; the header before the first row). Applying that sheet
// ([ApplyFromCSV]) restores what the run changed: a field the modify set
// that was empty before is written as null, so that it is cleared again. A
// deleted call center is created again from its row once its password is
// supplied (a password cannot be read back; its result says so), and a
// password changed with [SetPasswords] is not put back (its result says
// so too). A row
// whose backup cannot be written is not sent, and the run stops there (a
// *[StopError]; the rows not sent are skipped). Plans and dry runs write
// nothing to w.
func BackupTo(w io.Writer) Option { return func(c *config) { c.backup = w } }

// PlanTo, with [PlanOnly], writes the plan to w as one JSON document when
// the run ends well: every row's action (create with the whole call
// center, modify with its fields and values, unchanged, delete, or why the
// row cannot be applied) and a fingerprint of the stored call center each
// was computed from. [ApplyPlan] carries out exactly that plan. A plan that
// creates call centers holds their passwords in clear: keep the file
// readable by its owner only (the bulk-csv tool writes it with mode 0600).
// Nothing is written to w when the run fails or is stopped.
func PlanTo(w io.Writer) Option { return func(c *config) { c.planOut = w } }

// PlanOnly makes an apply read and compare, and write nothing: each result
// is marked Planned and its Status names what the apply would do
// (created, modified with its Differences, unchanged, deleted).
func PlanOnly() Option { return func(c *config) { c.plan = true } }

// defaultSettleDelays are the pauses before the second and later lookups
// that settle an unknown outcome (see [SettleDelays]).
func defaultSettleDelays() []time.Duration {
	return []time.Duration{100 * time.Millisecond, 400 * time.Millisecond, time.Second}
}

// SettleDelays sets the pauses before the second and later lookups that
// settle a write whose outcome is unknown (default 100 ms, 400 ms and 1 s:
// four lookups over 1.5 s). A server may still be carrying out a create
// whose connection broke, so a lookup that finds nothing right away is not
// proof that nothing was created; only when every lookup finds nothing is
// the row reported failed. No delays means a single lookup.
func SettleDelays(d ...time.Duration) Option {
	return func(c *config) { c.settle = slices.Clone(d) }
}

// Delimiter sets the character that separates the cells of a CSV sheet.
// Without it the reader takes the one of ',', ';' and tab that the header
// line uses most (',' when it uses none), so sheets saved by a spreadsheet
// set to a European locale read as they are. Quote, carriage return and
// line feed cannot be delimiters.
func Delimiter(r rune) Option { return func(c *config) { c.csv.delimiter = r } }

// IgnoreColumns makes the CSV reader skip the named columns (compared
// without regard to case) instead of refusing them as unknown: notes,
// a "reason" column of a sheet of failed rows, anything kept beside the
// data. A name that is not in the header is no error. Calls add up.
func IgnoreColumns(names ...string) Option {
	return func(c *config) { c.csv.ignore = append(c.csv.ignore, names...) }
}
