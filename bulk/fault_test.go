package bulk_test

// Fault-injection suite (issue 10, items 1 and 2): bulk runs through the
// real vendor clients against their fakes while the fakes drop connections
// (with and without carrying the create out), refuse chosen rows, answer
// slowly, rate-limit, and lose sessions mid-run. Every run is checked for
// one result per row in order, a fake that holds exactly the rows reported
// created, no call center sent twice (counted on the wire, per service user
// id), unknown outcomes settled by a lookup, and no goroutine left behind.
//
// Per-scenario figures are logged and, when BULK_FAULT_REPORT names a file,
// written there as JSON.

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/platform"
)

const addCommand = "GroupCallCenterAddInstanceRequest22"

// ---------------------------------------------------------------------------
// Input rows

var faultColumns = []string{
	"operation", "serviceProviderId", "groupId", "serviceUserId",
	"serviceInstanceProfile.name", "serviceInstanceProfile.callingLineIdLastName", "serviceInstanceProfile.callingLineIdFirstName",
	"serviceInstanceProfile.password", "serviceInstanceProfile.alias[0]",
	"type", "policy", "enableReporting", "wrapUpSeconds", "routingType", "forceDeliveryWaitTimeSeconds",
}

func faultID(i int) string    { return fmt.Sprintf("fcc%03d@example.com", i) }
func faultGroup(i int) string { return fmt.Sprintf("g%03d", i) }

// faultRecord is data row i: Basic, Standard and Premium in turn, each in a
// group of its own (so that APIO faults, which match on the path, can pick a
// row).
func faultRecord(i int) []string {
	id, g, pw := faultID(i), faultGroup(i), fmt.Sprintf("pw-%03d-secret", i)
	switch i % 3 {
	case 0:
		return []string{bulk.Operation, "SP", g, id, fmt.Sprintf("Sales %d", i), "Sales", "Center", pw, fmt.Sprintf("a%03d@example.com", i), "Basic", "Circular", "", "", "", ""}
	case 1:
		return []string{bulk.Operation, "SP", g, id, fmt.Sprintf("Support %d", i), "Support", "Center", pw, "", "Standard", "Similtaneous", "true", "30", "", ""}
	}
	return []string{bulk.Operation, "SP", g, id, fmt.Sprintf("Premium %d", i), "Premium", "Center", pw, "", "Premium", "Weighted Call Distribution", "true", "45", "Skill Based", "9"}
}

func faultSheet(n int) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write(faultColumns)
	for i := range n {
		_ = w.Write(faultRecord(i))
	}
	w.Flush()
	return b.String()
}

func faultData(t testing.TB, n int) []callcenter.CallCenter {
	out := make([]callcenter.CallCenter, n)
	for i := range n {
		for j, v := range faultRecord(i) {
			if j == 0 || v == "" {
				continue
			}
			if err := out[i].Set(faultColumns[j], v); err != nil {
				t.Fatalf("row %d: %v", i, err)
			}
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// Wire log: create requests per service user id, as the server received
// them, with how each was answered.

type wireLog struct {
	mu         sync.Mutex
	sent       map[string]int // create requests sent
	refused    map[string]int // answered "not carried out, send again" (OCI-P 5404, HTTP 429/401)
	exists     map[string]int // answered "already exists" (OCI-P 4200, HTTP 409)
	unanswered map[string]int // connection lost before an answer
}

func newWireLog() *wireLog {
	return &wireLog{sent: map[string]int{}, refused: map[string]int{}, exists: map[string]int{}, unanswered: map[string]int{}}
}

func (w *wireLog) add(m map[string]int, ids []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, id := range ids {
		m[strings.ToLower(id)]++
	}
}

// effective is how many creates of id the server may have carried out:
// those sent minus those it refused without acting.
func (w *wireLog) effective(id string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	id = strings.ToLower(id)
	return w.sent[id] - w.refused[id]
}

func (w *wireLog) totals() (sent, refused, exists, unanswered int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	sum := func(m map[string]int) (n int) {
		for _, v := range m {
			n += v
		}
		return n
	}
	return sum(w.sent), sum(w.refused), sum(w.exists), sum(w.unanswered)
}

var addIDRE = regexp.MustCompile(`(?s)xsi:type="` + addCommand + `"[^>]*>.*?<serviceUserId>([^<]*)</serviceUserId>`)

// addIDs returns the service user ids of the add commands of an OCI-P
// document.
func addIDs(doc []byte) []string {
	var ids []string
	for _, m := range addIDRE.FindAllSubmatch(doc, -1) {
		ids = append(ids, html.UnescapeString(string(m[1])))
	}
	return ids
}

// classifyOCI records the answer resp to an OCI-P document that held the
// adds of ids.
func (w *wireLog) classifyOCI(ids []string, resp []byte) {
	switch {
	case len(ids) == 0:
	case bytes.Contains(resp, []byte("[Error 5404]")):
		w.add(w.refused, ids)
	case bytes.Contains(resp, []byte("[Error 4200]")):
		w.add(w.exists, ids)
	}
}

// ---------------------------------------------------------------------------
// OCI-P over TLS proxy: sits between a broadworks client and the fake's TLS
// port and logs every add command per service user id, with its answer.

var docEnd = []byte("</BroadsoftDocument>")

type ociProxy struct {
	ln       net.Listener
	pool     *x509.CertPool
	upstream string
	upTLS    *tls.Config
	wire     *wireLog
	wg       sync.WaitGroup

	mu     sync.Mutex
	conns  map[net.Conn]bool
	closed bool
}

func newOCIProxy(t testing.TB, upstream string, upTLS *tls.Config, wire *wireLog) *ociProxy {
	cert, pool := selfSigned(t)
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	if err != nil {
		t.Fatal(err)
	}
	p := &ociProxy{ln: ln, pool: pool, upstream: upstream, upTLS: upTLS, wire: wire, conns: map[net.Conn]bool{}}
	p.wg.Add(1)
	go p.accept()
	return p
}

func (p *ociProxy) Addr() string { return p.ln.Addr().String() }

func (p *ociProxy) ClientTLSConfig() *tls.Config {
	return &tls.Config{RootCAs: p.pool, MinVersion: tls.VersionTLS12}
}

// open is how many connections (client and upstream sides) are open.
func (p *ociProxy) open() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.conns)
}

func (p *ociProxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.conns[c] = true
	return true
}

func (p *ociProxy) untrack(c net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.conns, c)
}

func (p *ociProxy) Close() {
	p.mu.Lock()
	p.closed = true
	for c := range p.conns {
		_ = c.Close()
	}
	p.mu.Unlock()
	_ = p.ln.Close()
	p.wg.Wait()
}

func (p *ociProxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		if !p.track(c) {
			_ = c.Close()
			return
		}
		p.wg.Add(1)
		go p.serve(c)
	}
}

// splitDocs appends data to acc and returns the complete documents and the
// rest.
func splitDocs(acc, data []byte) (docs [][]byte, rest []byte) {
	acc = append(acc, data...)
	for {
		i := bytes.Index(acc, docEnd)
		if i < 0 {
			return docs, acc
		}
		docs = append(docs, slices.Clone(acc[:i+len(docEnd)]))
		acc = append(acc[:0:0], acc[i+len(docEnd):]...)
	}
}

func (p *ociProxy) serve(c net.Conn) {
	defer p.wg.Done()
	defer p.untrack(c)
	defer c.Close()
	d := &tls.Dialer{NetDialer: &net.Dialer{Timeout: 5 * time.Second}, Config: p.upTLS}
	up, err := d.Dial("tcp", p.upstream)
	if err != nil {
		return
	}
	if !p.track(up) {
		_ = up.Close()
		return
	}
	defer p.untrack(up)
	defer up.Close()
	// The client sends one document and waits for its answer, so answers
	// pair with requests in order.
	pending := make(chan []string, 64)
	var wg sync.WaitGroup
	wg.Go(func() { // client -> server
		defer up.Close()
		defer c.Close()
		var acc []byte
		buf := make([]byte, 32<<10)
		for {
			n, err := c.Read(buf)
			if n > 0 {
				var docs [][]byte
				docs, acc = splitDocs(acc, buf[:n])
				for _, doc := range docs {
					ids := addIDs(doc)
					p.wire.add(p.wire.sent, ids) // logged before the server can see the end of it
					pending <- ids
				}
				if _, err := up.Write(buf[:n]); err != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	})
	wg.Go(func() { // server -> client
		defer c.Close()
		defer up.Close()
		var acc []byte
		buf := make([]byte, 32<<10)
		for {
			n, err := up.Read(buf)
			if n > 0 {
				var docs [][]byte
				docs, acc = splitDocs(acc, buf[:n])
				for _, doc := range docs {
					select {
					case ids := <-pending:
						p.wire.classifyOCI(ids, doc)
					default:
					}
				}
				if _, err := c.Write(buf[:n]); err != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	})
	wg.Wait()
	for {
		select {
		case ids := <-pending:
			p.wire.add(p.wire.unanswered, ids)
		default:
			return
		}
	}
}

// selfSigned makes a certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "bulk fault proxy"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// ---------------------------------------------------------------------------
// HTTP wire logs: the SOAP transport of broadworks and APIO.

// httpCounter logs the create requests an HTTP client sends, per service
// user id, with their answers. ids extracts the ids from a request body
// (nil: not a create); classify sorts the answer.
type httpCounter struct {
	next http.RoundTripper
	wire *wireLog
	ids  func(req *http.Request, body []byte) []string
	// answer records the answer to a create of ids.
	answer func(w *wireLog, ids []string, status int, body []byte)
}

func (h *httpCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(b))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	ids := h.ids(req, body)
	h.wire.add(h.wire.sent, ids)
	resp, err := h.next.RoundTrip(req)
	if err != nil {
		h.wire.add(h.wire.unanswered, ids)
		return resp, err
	}
	if len(ids) == 0 {
		return resp, nil
	}
	rb, rerr := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(rb))
	if rerr != nil {
		h.wire.add(h.wire.unanswered, ids)
		return resp, nil
	}
	h.answer(h.wire, ids, resp.StatusCode, rb)
	return resp, nil
}

func soapCounter(next http.RoundTripper, wire *wireLog) *httpCounter {
	return &httpCounter{
		next: next, wire: wire,
		ids: func(_ *http.Request, body []byte) []string {
			return addIDs([]byte(html.UnescapeString(string(body))))
		},
		answer: func(w *wireLog, ids []string, _ int, body []byte) {
			w.classifyOCI(ids, []byte(html.UnescapeString(string(body))))
		},
	}
}

func apioCounter(next http.RoundTripper, wire *wireLog) *httpCounter {
	return &httpCounter{
		next: next, wire: wire,
		ids: func(req *http.Request, body []byte) []string {
			if req.Method != http.MethodPost || !strings.HasSuffix(req.URL.EscapedPath(), "/call_centers/") {
				return nil
			}
			var v struct {
				ID string `json:"serviceUserId"`
			}
			_ = json.Unmarshal(body, &v)
			return []string{v.ID}
		},
		answer: func(w *wireLog, ids []string, status int, _ []byte) {
			switch status {
			case http.StatusTooManyRequests, http.StatusUnauthorized:
				w.add(w.refused, ids)
			case http.StatusConflict:
				w.add(w.exists, ids)
			}
		},
	}
}

// ---------------------------------------------------------------------------
// countingTarget wraps a vendor client: it counts what bulk asks of it per
// service user id, and runs the scenario's mid-run events at chosen sends,
// with no call in flight (so an event such as DropConnections never races a
// request the fake is still working on).

type countingTarget struct {
	inner platform.Ops
	gate  sync.RWMutex
	// events run before the create numbered by the key (1-based) is sent.
	events map[int]func()
	nsend  atomic.Int64

	mu      sync.Mutex
	sends   map[string]int
	unknown map[string]int // creates whose outcome was unknown
	lookups map[string]int
	// order of calls per id: S sent and answered, U unknown outcome, E
	// error answer, L lookup
	trace map[string]string
}

func newCounting(target bulk.Target, events map[int]func()) *countingTarget {
	return &countingTarget{inner: target.BulkOps(), events: events, sends: map[string]int{}, unknown: map[string]int{}, lookups: map[string]int{}, trace: map[string]string{}}
}

func cmdID(cmd any) string {
	switch c := cmd.(type) {
	case *ocip.GroupCallCenterAddInstanceRequest22:
		return c.ServiceUserID
	case *apio.CreateCallCenterRequest:
		return c.CallCenter.ServiceUserID
	}
	return fmt.Sprintf("unknown command %T", cmd)
}

// BulkOps makes the counting wrapper a Target itself.
func (c *countingTarget) BulkOps() platform.Ops { return c }

func (c *countingTarget) BuildCreate(cc callcenter.CallCenter) (any, error) {
	return c.inner.BuildCreate(cc)
}

func (c *countingTarget) SendCreate(ctx context.Context, cmd any) (string, error) {
	n := int(c.nsend.Add(1))
	if ev := c.events[n]; ev != nil {
		c.gate.Lock() // waits for every call in flight
		ev()
		c.gate.Unlock()
	}
	c.gate.RLock()
	defer c.gate.RUnlock()
	id := strings.ToLower(cmdID(cmd))
	resp, err := c.inner.SendCreate(ctx, cmd)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sends[id]++
	switch {
	case err == nil:
		c.trace[id] += "S"
	case errors.Is(err, bulk.ErrOutcomeUnknown):
		c.unknown[id]++
		c.trace[id] += "U"
	default:
		c.trace[id] += "E"
	}
	return resp, err
}

func (c *countingTarget) LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	c.gate.RLock()
	defer c.gate.RUnlock()
	got, found, err := c.inner.LookupCallCenter(ctx, cc)
	c.mu.Lock()
	defer c.mu.Unlock()
	id := strings.ToLower(cc.ServiceUserID)
	c.lookups[id]++
	c.trace[id] += "L"
	return got, found, err
}

// ---------------------------------------------------------------------------
// Rigs: a fake, a client, a wire log.

type faultKind int

const (
	noFault       faultKind = iota
	dropApplied             // the create is carried out, then the connection drops
	dropLost                // the connection drops after the request is read; nothing done
	errorRow                // an error answer (OCI-P ErrorResponse, HTTP 400)
	sessionRefuse           // OCI-P: [Error 5404] for the add (re-login, sent again)
	gateway5xx              // HTTP 503 to the POST: outcome unknown, nothing done
	rateLimited             // HTTP 429 twice for the POST, then accepted
)

func (k faultKind) String() string {
	return [...]string{"none", "drop-after-apply", "drop-before-apply", "error", "session-refused", "5xx", "429x2"}[k]
}

type rig struct {
	name   string
	client bulk.Target
	wire   *wireLog
	// inject plans fault k for row i; false when the backend has no such fault.
	inject func(i int, k faultKind) bool
	// stored returns what the fake holds, by lowercase service user id.
	stored func(t *testing.T) map[string]callcenter.CallCenter
	// counters: call centers the fake added, add commands it received (-1:
	// not counted), injected faults it reports (drops, or every faulted
	// answer).
	counters func() (added, addCmds, faultHits int)
	clear    func() // remove pending faults and latency
	close    func()
}

func newBWTLSRig(t *testing.T, opts ...broadworkstest.Option) (*rig, *broadworkstest.Server, *ociProxy) {
	srv := broadworkstest.NewServer(opts...)
	wire := newWireLog()
	proxy := newOCIProxy(t, srv.TLSAddr(), srv.ClientTLSConfig(), wire)
	client := must(broadworks.NewClient(proxy.Addr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(proxy.ClientTLSConfig()), broadworks.WithSessions(4), broadworks.WithTimeout(15*time.Second)))
	r := bwRig("broadworks-tls", srv, client, wire)
	r.close = func() {
		_ = client.Close()
		srv.Close()
		proxy.Close()
	}
	return r, srv, proxy
}

func newBWSOAPRig(t *testing.T, opts ...broadworkstest.Option) (*rig, *broadworkstest.Server) {
	srv := broadworkstest.NewServer(opts...)
	wire := newWireLog()
	tr := &http.Transport{TLSClientConfig: srv.ClientTLSConfig(), MaxIdleConnsPerHost: 8}
	hc := &http.Client{Transport: soapCounter(tr, wire), Timeout: 15 * time.Second}
	client := must(broadworks.NewClient("127.0.0.1", broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithSOAPURL(srv.SOAPTLSURL()), broadworks.WithHTTPClient(hc), broadworks.WithSessions(4),
		broadworks.WithRetry(3, 2*time.Millisecond, 10*time.Millisecond)))
	r := bwRig("broadworks-soap", srv, client, wire)
	r.close = func() {
		_ = client.Close()
		srv.Close()
		tr.CloseIdleConnections()
	}
	return r, srv
}

func bwRig(name string, srv *broadworkstest.Server, client *broadworks.Client, wire *wireLog) *rig {
	return &rig{
		name: name, client: client, wire: wire,
		inject: func(i int, k faultKind) bool {
			f := fault.Fault{ServiceUserID: faultID(i), Path: addCommand, Times: 1}
			switch k {
			case dropApplied:
				f.Drop, f.AfterHandling = true, true
			case dropLost:
				f.Drop = true
			case errorRow:
				f.Status, f.Message = 4000, fmt.Sprintf("[Error 4000] Injected failure for row %d", i)
			case sessionRefuse:
				f.Status, f.Message = 5404, "[Error 5404] Unauthorized transaction."
			default:
				return false
			}
			srv.Inject(f)
			return true
		},
		stored: func(*testing.T) map[string]callcenter.CallCenter {
			m := map[string]callcenter.CallCenter{}
			for _, cc := range srv.CallCenters() {
				m[strings.ToLower(cc.ServiceUserID)] = cc
			}
			return m
		},
		counters: func() (int, int, int) {
			st := srv.Stats()
			return st.Adds, srv.CommandCount(addCommand), st.Drops
		},
		clear: func() { srv.ClearFaults(); srv.SetLatency(0); srv.SetCommandDelay(0) },
	}
}

func newAPIORig(t *testing.T, opts ...apiotest.Option) (*rig, *apiotest.Server) {
	srv := apiotest.NewServer(opts...)
	wire := newWireLog()
	tr := &http.Transport{MaxIdleConnsPerHost: 8}
	hc := &http.Client{Transport: apioCounter(tr, wire), Timeout: 15 * time.Second}
	client, err := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword),
		apio.WithHTTPClient(hc), apio.WithRetry(8, time.Millisecond, 5*time.Millisecond))
	if err != nil {
		srv.Close()
		t.Fatal(err)
	}
	r := &rig{
		name: "apio", client: client, wire: wire,
		inject: func(i int, k faultKind) bool {
			f := fault.Fault{Method: http.MethodPost, Path: "/groups/" + faultGroup(i) + "/", Times: 1}
			switch k {
			case dropApplied:
				f.Drop, f.AfterHandling = true, true
			case dropLost:
				f.Drop = true
			case errorRow:
				f.Status = http.StatusBadRequest
			case gateway5xx:
				f.Status = http.StatusServiceUnavailable
			case rateLimited:
				f.Status, f.RetryAfter, f.Times = http.StatusTooManyRequests, 0, 2
			default:
				return false
			}
			srv.Inject(f)
			return true
		},
		stored: func(t *testing.T) map[string]callcenter.CallCenter {
			m := map[string]callcenter.CallCenter{}
			for _, s := range srv.CallCenters() {
				got, found, err := client.BulkOps().LookupCallCenter(context.Background(), callcenter.CallCenter{ServiceProviderID: s.TenantID, GroupID: s.GroupID, ServiceUserID: s.ServiceUserID})
				if err != nil || !found {
					t.Errorf("apio: reading back %s: found %v, %v", s.ServiceUserID, found, err)
					continue
				}
				got.Profile.Password = callcenter.Secret(s.Password) // as the fake received it
				m[strings.ToLower(s.ServiceUserID)] = *got
			}
			return m
		},
		counters: func() (int, int, int) {
			return srv.Stats().Creates, -1, srv.FaultStats().Faults
		},
		clear: func() { srv.ClearFaults(); srv.SetLatency(0) },
		close: func() {
			srv.Close()
			tr.CloseIdleConnections()
		},
	}
	return r, srv
}

// ---------------------------------------------------------------------------
// Goroutine leaks

// leakCheck notes the goroutine count; the function it returns, called after
// every client and fake is closed, waits up to 3 s for the count to fall
// back and fails with a goroutine dump if it does not.
func leakCheck(t *testing.T) func() int {
	before := runtime.NumGoroutine()
	return func() int {
		deadline := time.Now().Add(3 * time.Second)
		for {
			n := runtime.NumGoroutine()
			if n <= before {
				return 0
			}
			if time.Now().After(deadline) {
				var b bytes.Buffer
				_ = pprof.Lookup("goroutine").WriteTo(&b, 1)
				t.Errorf("goroutine leak: %d before, %d after closing clients and fakes:\n%s", before, n, b.String())
				return n - before
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// ---------------------------------------------------------------------------
// Figures

type figures struct {
	Scenario string `json:"scenario"`
	Backend  string `json:"backend"`
	Rows     int    `json:"rows"`
	// Faults
	RowFaults   map[string]int `json:"row_faults"`    // planned per row, by kind
	NextNFaults int            `json:"next_n_faults"` // "next N requests" faults injected mid-run
	Events      []string       `json:"events"`        // mid-run events (session expiry, drops, latency)
	FakeHits    int            `json:"fake_fault_hits"`
	// Outcomes
	Created         int   `json:"created"`
	Failed          int   `json:"failed"`
	Exists          int   `json:"exists"`
	Other           int   `json:"other_status"`
	UnknownOutcomes int   `json:"unknown_outcomes"`        // creates whose outcome was unknown
	SettledCreated  int   `json:"unknown_settled_created"` // ... found by the lookup
	SettledFailed   int   `json:"unknown_settled_failed"`  // ... not found
	Lookups         int   `json:"lookups"`                 // settling lookups bulk made
	Deviations      int   `json:"deviations_from_plan"`    // rows whose outcome a mid-run fault changed
	WireCreates     int   `json:"wire_creates"`            // create requests on the wire
	WireRefused     int   `json:"wire_refused_and_resent"` // refused without effect (5404, 429, 401), sent again
	WireUnanswered  int   `json:"wire_unanswered"`         // answer lost
	FakeAddCommands int   `json:"fake_add_commands"`       // OCI-P: add commands the fake received (-1: n/a)
	Stored          int   `json:"stored"`                  // call centers the fake holds
	Duplicates      int   `json:"duplicates"`              // ids created (or sent with effect) more than once
	Lost            int   `json:"lost"`                    // reported success, not stored
	Unreported      int   `json:"unreported"`              // stored, not reported success
	DataMismatches  int   `json:"data_mismatches"`         // stored data differs from the row
	LeakedGoroutine int   `json:"leaked_goroutines"`       // after closing
	ElapsedMS       int64 `json:"elapsed_ms"`
	// Extra holds figures of the resume scenarios.
	Extra map[string]int `json:"extra,omitempty"`
}

var report struct {
	sync.Mutex
	list []figures
}

// record logs f and rewrites the JSON summary file named by
// BULK_FAULT_REPORT with every figure recorded so far.
func record(t *testing.T, f figures) {
	b, _ := json.Marshal(f)
	t.Logf("figures: %s", b)
	report.Lock()
	defer report.Unlock()
	report.list = append(report.list, f)
	if path := os.Getenv("BULK_FAULT_REPORT"); path != "" {
		out, _ := json.MarshalIndent(report.list, "", "  ")
		if err := os.WriteFile(path, append(out, '\n'), 0o644); err != nil {
			t.Errorf("writing %s: %v", path, err)
		}
	}
}

// ---------------------------------------------------------------------------
// Scenarios

type scenario struct {
	name   string
	rows   int
	csv    bool // CreateFromCSV (else CreateFromData)
	conc   int
	kinds  []faultKind // kinds this scenario plans per row
	events map[int]func()
	// names of the events, for the figures
	eventNames []string
	nextN      int
	// strict: planned rows must end as planned, except at most
	// allowDeviations rows (hit by a "next N" fault instead).
	strict          bool
	allowDeviations int
	// batch: the rows go out 15 to a document, reads and writes (the
	// client's Ops counted through countingBatch); else one by one.
	batch bool
}

// planFor picks row i's fault, deterministically, among kinds.
func planFor(i int, kinds []faultKind) faultKind {
	has := func(k faultKind) bool { return slices.Contains(kinds, k) }
	switch {
	case i%7 == 3 && has(dropApplied):
		return dropApplied
	case i%11 == 5 && has(dropLost):
		return dropLost
	case i%13 == 9 && has(errorRow):
		return errorRow
	case i%17 == 2 && has(sessionRefuse):
		return sessionRefuse
	case i%17 == 2 && has(gateway5xx):
		return gateway5xx
	case i%19 == 4 && has(rateLimited):
		return rateLimited
	}
	return noFault
}

// runScenario runs sc through r and checks the results.
func runScenario(t *testing.T, r *rig, sc scenario, leaks func() int) {
	plan := make([]faultKind, sc.rows)
	fig := figures{Scenario: sc.name, Backend: r.name, Rows: sc.rows, RowFaults: map[string]int{}, NextNFaults: sc.nextN, Events: sc.eventNames}
	for i := range plan {
		plan[i] = planFor(i, sc.kinds)
		if plan[i] != noFault {
			if !r.inject(i, plan[i]) {
				t.Fatalf("%s cannot inject %s", r.name, plan[i])
			}
			fig.RowFaults[plan[i].String()]++
		}
	}
	ct := newCounting(r.client, sc.events)
	var target bulk.Target = ct
	if sc.batch {
		target = newCountingBatch(ct)
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	var res []bulk.Result
	var err error
	if sc.csv {
		res, err = bulk.CreateFromCSV(ctx, target, strings.NewReader(faultSheet(sc.rows)), bulk.Concurrency(sc.conc), bulk.SettleDelays(faultSettle...))
	} else {
		res, err = bulk.CreateFromData(ctx, target, faultData(t, sc.rows), bulk.Concurrency(sc.conc), bulk.SettleDelays(faultSettle...))
	}
	fig.ElapsedMS = time.Since(start).Milliseconds()
	if err != nil {
		t.Fatalf("bulk: %v", err)
	}
	r.clear()
	checkRun(t, r, sc, plan, res, ct, &fig)
	r.close()
	fig.LeakedGoroutine = leaks()
	record(t, fig)
}

// checkRun checks the invariants of a finished run and fills the figures.
func checkRun(t *testing.T, r *rig, sc scenario, plan []faultKind, res []bulk.Result, ct *countingTarget, fig *figures) {
	// One result per row, in order.
	if len(res) != sc.rows {
		t.Fatalf("%d results for %d rows", len(res), sc.rows)
	}
	for i, x := range res {
		if x.Index != i {
			t.Fatalf("result %d has index %d", i, x.Index)
		}
	}
	stored := r.stored(t)
	fig.Stored = len(stored)
	success := map[string]bool{}
	for i, x := range res {
		id := strings.ToLower(faultID(i))
		if !strings.EqualFold(x.Data().ServiceUserID, id) {
			t.Errorf("row %d: data is for %q", i, x.Data().ServiceUserID)
		}
		switch x.Status {
		case bulk.StatusCreated:
			fig.Created++
		case bulk.StatusFailed:
			fig.Failed++
		case bulk.StatusExists:
			fig.Exists++ // the fake starts empty: only a second create meets "exists"
			fig.Duplicates++
			t.Errorf("row %d: status exists on an empty fake: a second create of %s reached the server (%v)", i, id, x.Err)
		default:
			fig.Other++
			t.Errorf("row %d: status %s (%v); want created or failed", i, x.Status, x.Err)
		}
		if x.Success != (x.Status == bulk.StatusCreated || x.Status == bulk.StatusExists) {
			t.Errorf("row %d: success %v with status %s", i, x.Success, x.Status)
		}
		if x.Success {
			success[id] = true
		}
		if !x.Success && x.Err == nil {
			t.Errorf("row %d: failed without an error", i)
		}

		// bulk never sends a row twice.
		ct.mu.Lock()
		sends, unknown, lookups, trace := ct.sends[id], ct.unknown[id], ct.lookups[id], ct.trace[id]
		ct.mu.Unlock()
		if sends != 1 {
			fig.Duplicates++
			t.Errorf("row %d: bulk sent %d creates (calls %q)", i, sends, trace)
		}
		// The server saw at most one create it could act on.
		if eff := r.wire.effective(id); eff > 1 {
			fig.Duplicates++
			t.Errorf("row %d: %d creates of %s reached the server with effect", i, eff, id)
		}
		fig.Lookups += lookups
		// An unknown outcome is settled by a lookup, never a second send.
		if unknown > 0 {
			fig.UnknownOutcomes++
			switch {
			case lookups == 0:
				t.Errorf("row %d: outcome unknown and never looked up (calls %q)", i, trace)
			case x.Status == bulk.StatusCreated:
				fig.SettledCreated++
			case x.Status == bulk.StatusFailed:
				fig.SettledFailed++
				if !errors.Is(x.Err, bulk.ErrOutcomeUnknown) {
					t.Errorf("row %d: settled failed without saying the outcome was unknown: %v", i, x.Err)
				}
			}
			if !strings.HasPrefix(trace, "UL") || strings.Trim(trace[1:], "L") != "" || len(trace) > 1+1+len(faultSettle) {
				t.Errorf("row %d: calls %q, want a send then up to %d lookups", i, trace, 1+len(faultSettle))
			}
		}

		// The fake holds the row exactly when it was reported success, with
		// the row's data.
		got, held := stored[id]
		switch {
		case x.Success && !held:
			fig.Lost++
			t.Errorf("row %d: reported %s, not stored", i, x.Status)
		case !x.Success && held:
			fig.Unreported++
			t.Errorf("row %d: reported %s (%v, calls %q), but the fake holds it", i, x.Status, x.Err, trace)
		case held:
			if d := callcenter.Diff(x.Data(), got); len(d) > 0 {
				fig.DataMismatches++
				t.Errorf("row %d: stored data differs: %v", i, d)
			}
			if got.Profile.Password != x.Data().Profile.Password {
				fig.DataMismatches++
				t.Errorf("row %d: stored password differs", i)
			}
		}

		// Planned faults.
		if dev := deviates(plan[i], x, unknown > 0); dev != "" {
			fig.Deviations++
			if sc.strict && plan[i] != noFault && fig.Deviations > sc.allowDeviations {
				t.Errorf("row %d (%s): %s", i, plan[i], dev)
			}
		}
	}
	if sc.strict && fig.Deviations > sc.allowDeviations {
		t.Errorf("%d rows ended otherwise than planned; at most %d (the next-N faults) may", fig.Deviations, sc.allowDeviations)
	}
	for id := range stored {
		if !success[id] && !slices.ContainsFunc(res, func(x bulk.Result) bool { return strings.EqualFold(x.Data().ServiceUserID, id) }) {
			fig.Unreported++
			t.Errorf("the fake holds %s, which no row asked for", id)
		}
	}
	added, addCmds, hits := r.counters()
	fig.FakeHits, fig.FakeAddCommands = hits, addCmds
	fig.WireCreates, fig.WireRefused, _, fig.WireUnanswered = r.wire.totals()
	_, _, exists, _ := r.wire.totals()
	if exists > 0 {
		t.Errorf("%d creates were answered 'already exists': a create was sent again after it took effect", exists)
	}
	if added != len(stored) {
		t.Errorf("the fake counts %d creates but holds %d call centers", added, len(stored))
	}
	if addCmds >= 0 && addCmds > fig.WireCreates {
		t.Errorf("the fake received %d add commands, the wire log saw %d", addCmds, fig.WireCreates)
	}
	if fig.WireCreates-fig.WireRefused > sc.rows {
		t.Errorf("%d creates with effect on the wire for %d rows", fig.WireCreates-fig.WireRefused, sc.rows)
	}
}

// deviates says how row x ended otherwise than its planned fault k makes
// it ("" when it ended as planned).
func deviates(k faultKind, x bulk.Result, unknown bool) string {
	want := func(ok bool, st bulk.Status, unk bool) string {
		if x.Success != ok || x.Status != st || unknown != unk {
			return fmt.Sprintf("got success %v status %s unknown-outcome %v (%v); want success %v status %s unknown-outcome %v", x.Success, x.Status, unknown, x.Err, ok, st, unk)
		}
		return ""
	}
	switch k {
	case noFault, sessionRefuse, rateLimited:
		return want(true, bulk.StatusCreated, false)
	case dropApplied:
		if s := want(true, bulk.StatusCreated, true); s != "" {
			return s
		}
		if x.Response != "found stored as requested" {
			return fmt.Sprintf("response %q", x.Response)
		}
	case dropLost, gateway5xx:
		return want(false, bulk.StatusFailed, true)
	case errorRow:
		if s := want(false, bulk.StatusFailed, false); s != "" {
			return s
		}
		if !strings.Contains(x.Err.Error(), "Injected") && !strings.Contains(x.Err.Error(), "injected") {
			return fmt.Sprintf("error %v lacks the injected text", x.Err)
		}
	}
	return ""
}

// TestFaultBroadWorksTLS: OCI-P over TLS, 4 sessions, rows dropped after and
// before the add is carried out, ErrorResponses, a 5404 for an add (re-login
// and resend), latency that changes mid-run, and next-N faults mid-run.
func TestFaultBroadWorksTLS(t *testing.T) {
	leaks := leakCheck(t)
	r, srv, _ := newBWTLSRig(t, broadworkstest.WithLatency(time.Millisecond))
	sc := scenario{
		name: "broadworks-tls-row-faults", rows: 100, csv: true, conc: 4, strict: true,
		kinds: []faultKind{dropApplied, dropLost, errorRow, sessionRefuse},
		events: map[int]func(){
			30: func() { srv.SetLatency(4 * time.Millisecond) },
			40: func() {
				srv.Inject(fault.Fault{Path: addCommand, Times: 2, Status: 4000, Message: "[Error 4000] Injected burst"})
			},
			60: func() { srv.Inject(fault.Fault{Path: addCommand, Times: 1, Drop: true, AfterHandling: true}) },
			70: func() { srv.SetLatency(0) },
			80: func() { srv.Inject(fault.Fault{Path: addCommand, Times: 1, Drop: true}) },
		},
		eventNames: []string{"latency 1ms", "send 30: latency 4ms", "send 40: next 2 adds ErrorResponse", "send 60: next add dropped after apply", "send 70: latency 0", "send 80: next add dropped before apply"},
		nextN:      4,
	}
	sc.allowDeviations = sc.nextN
	runScenario(t, r, sc, leaks)
}

// TestFaultBroadWorksTLSSessions: the server forgets every session and
// closes every connection mid-run, between sends, on top of the row faults.
func TestFaultBroadWorksTLSSessions(t *testing.T) {
	leaks := leakCheck(t)
	r, srv, proxy := newBWTLSRig(t, broadworkstest.WithLatency(time.Millisecond))
	dropAll := func() {
		srv.DropConnections()
		for deadline := time.Now().Add(2 * time.Second); proxy.open() > 0 && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
	}
	sc := scenario{
		name: "broadworks-tls-session-loss", rows: 80, conc: 4, strict: true,
		kinds: []faultKind{dropApplied, dropLost, errorRow},
		events: map[int]func(){
			15: srv.ExpireSessions,
			30: dropAll,
			45: func() { srv.ExpireSessions(); srv.SetCommandDelay(3 * time.Millisecond) },
			60: dropAll,
			70: srv.ExpireSessions,
		},
		eventNames: []string{"latency 1ms", "send 15: ExpireSessions", "send 30: DropConnections", "send 45: ExpireSessions, command delay 3ms", "send 60: DropConnections", "send 70: ExpireSessions"},
		// After ExpireSessions the next document of each of the 4 sessions
		// is refused; a planned drop-after-apply among them is then not
		// carried out (the fake refuses it as unauthorized before dropping).
		allowDeviations: 3 * 4,
	}
	runScenario(t, r, sc, leaks)
}

// TestFaultBroadWorksSOAP: the SOAP transport (4 sessions, HTTPS, 6 rows at
// once), with the row faults, latency, a next-N ErrorResponse burst and a
// session expiry mid-run.
func TestFaultBroadWorksSOAP(t *testing.T) {
	leaks := leakCheck(t)
	r, srv := newBWSOAPRig(t, broadworkstest.WithLatency(2*time.Millisecond))
	sc := scenario{
		name: "broadworks-soap", rows: 80, conc: 6, strict: true,
		kinds: []faultKind{dropApplied, dropLost, errorRow, sessionRefuse},
		events: map[int]func(){
			20: func() {
				srv.Inject(fault.Fault{Path: addCommand, Times: 2, Status: 4000, Message: "[Error 4000] Injected burst"})
			},
			40: srv.ExpireSessions,
			55: func() { srv.SetLatency(0) },
		},
		eventNames: []string{"latency 2ms", "send 20: next 2 adds ErrorResponse", "send 40: ExpireSessions", "send 55: latency 0"},
		nextN:      2,
	}
	sc.allowDeviations = sc.nextN + 4
	runScenario(t, r, sc, leaks)
}

// TestFaultAPIO: APIO with rows dropped after and before the create, 400s,
// 503s (outcome unknown), 429s for chosen rows, 429 bursts for whatever
// comes next, a next-N 503 and a dropped request, and latency.
func TestFaultAPIO(t *testing.T) {
	leaks := leakCheck(t)
	r, srv := newAPIORig(t)
	srv.SetLatency(time.Millisecond)
	sc := scenario{
		name: "apio-row-faults", rows: 100, csv: true, conc: 4, strict: true,
		kinds: []faultKind{dropApplied, dropLost, errorRow, gateway5xx, rateLimited},
		events: map[int]func(){
			20: func() { srv.FailNext(3, http.StatusTooManyRequests) },
			30: func() { srv.SetLatency(4 * time.Millisecond) },
			45: func() { srv.Inject(fault.Fault{Method: http.MethodPost, Status: http.StatusServiceUnavailable}) },
			60: func() { srv.DropNext(1) },
			70: func() { srv.SetLatency(0) },
			75: func() { srv.FailNext(5, http.StatusTooManyRequests) },
		},
		eventNames: []string{"latency 1ms", "send 20: 429 burst x3", "send 30: latency 4ms", "send 45: next POST 503", "send 60: next request dropped", "send 70: latency 0", "send 75: 429 burst x5"},
		nextN:      1 + 3 + 1 + 5,
		// Only the 503 and the dropped request can change a row's outcome.
		allowDeviations: 2,
	}
	runScenario(t, r, sc, leaks)
}

// TestFaultAPIOTokens: APIO access tokens expire mid-run (every request in
// flight gets 401, the client refreshes and sends again), refresh tokens are
// revoked (a new login), with 429 bursts and the row faults.
func TestFaultAPIOTokens(t *testing.T) {
	leaks := leakCheck(t)
	r, srv := newAPIORig(t)
	srv.SetLatency(time.Millisecond)
	sc := scenario{
		name: "apio-token-loss", rows: 80, conc: 4, strict: true,
		kinds: []faultKind{dropApplied, dropLost, errorRow},
		events: map[int]func(){
			15: srv.ExpireAccessTokens,
			30: func() { srv.FailNext(4, http.StatusTooManyRequests) },
			45: func() { srv.ExpireAccessTokens(); srv.RevokeRefreshTokens() },
			60: srv.ExpireAccessTokens,
		},
		eventNames: []string{"latency 1ms", "send 15: ExpireAccessTokens", "send 30: 429 burst x4", "send 45: ExpireAccessTokens + RevokeRefreshTokens", "send 60: ExpireAccessTokens"},
		nextN:      4,
		// A planned drop-after-apply that meets an expired token is refused
		// with 401 before being dropped: not carried out.
		allowDeviations: 3 * 4,
	}
	runScenario(t, r, sc, leaks)
}

// TestFaultExistingRow: a row whose call center exists already, with the
// same data, is reported success with status exists on both backends
// (bulk's documented behaviour: "Vendor packages return errors that match
// [ErrAlreadyExists]").
func TestFaultExistingRow(t *testing.T) {
	data := faultData(t, 3)
	// run stores row 1 beforehand, then runs the three rows through bulk.
	run := func(t *testing.T, r *rig) []bulk.Result {
		pre := data[1].Clone()
		pre.ApplyDefaults()
		cmd, err := r.client.BulkOps().BuildCreate(pre)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.client.BulkOps().SendCreate(context.Background(), cmd); err != nil {
			t.Fatal(err)
		}
		res, err := bulk.CreateFromData(context.Background(), r.client, data)
		if err != nil || len(res) != 3 {
			t.Fatalf("%v, %d results", err, len(res))
		}
		if !res[0].Success || !res[2].Success {
			t.Errorf("other rows: %v, %v", res[0].Err, res[2].Err)
		}
		return res
	}
	ok := func(x bulk.Result) bool { return x.Success && x.Status == bulk.StatusExists && len(x.Differences) == 0 }
	t.Run("apio", func(t *testing.T) {
		leaks := leakCheck(t)
		r, _ := newAPIORig(t)
		defer func() { r.close(); leaks() }()
		if x := run(t, r)[1]; !ok(x) {
			t.Errorf("existing row: success %v status %s (%v); want success, status exists", x.Success, x.Status, x.Err)
		}
	})
	t.Run("broadworks", func(t *testing.T) {
		leaks := leakCheck(t)
		r, _, _ := newBWTLSRig(t)
		defer func() { r.close(); leaks() }()
		if x := run(t, r)[1]; !ok(x) {
			t.Errorf("existing row: success %v status %s (%v); want success, status exists ([Error 4200] must match bulk.ErrAlreadyExists)", x.Success, x.Status, x.Err)
		}
	})
}

// TestFaultLateApplyAfterDrop: the server has read an add and is still
// working on it when the connection drops (DropConnections while the add
// waits out its latency). bulk's lookup, made at once on a new connection,
// finds nothing and reports the row failed; the server then finishes the
// add, so the fake holds a call center reported failed.
func TestFaultLateApplyAfterDrop(t *testing.T) {
	leaks := leakCheck(t)
	r, srv, _ := newBWTLSRig(t)
	defer func() { r.close(); leaks() }()
	data := faultData(t, 1)
	// Log in first (a lookup), so that the next document is the add.
	if _, _, err := r.client.BulkOps().LookupCallCenter(context.Background(), data[0]); err != nil {
		t.Fatal(err)
	}
	docs := srv.Stats().Documents
	srv.SetLatency(500 * time.Millisecond)
	done := make(chan []bulk.Result, 1)
	go func() {
		res, _ := bulk.CreateFromData(context.Background(), r.client, data)
		done <- res
	}()
	// Wait until the fake has read the add (it then sleeps 500 ms before
	// carrying it out), make later answers quick, and drop the connection.
	for deadline := time.Now().Add(5 * time.Second); srv.Stats().Documents == docs; {
		if time.Now().After(deadline) {
			t.Fatal("the add never reached the fake")
		}
		time.Sleep(time.Millisecond)
	}
	srv.SetLatency(0)
	srv.DropConnections()
	res := <-done
	// Let the fake finish the add it was working on.
	for deadline := time.Now().Add(2 * time.Second); len(srv.CallCenters()) == 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	held := len(srv.CallCenters()) == 1
	t.Logf("result: success %v status %s (%v); fake holds it: %v", res[0].Success, res[0].Status, res[0].Err, held)
	if held != res[0].Success {
		t.Errorf("an add the server read but had not finished when the connection dropped is reported %s, but the server then created it: the lookups that settle an unknown outcome must give it time", res[0].Status)
	}
}

// resumeRig makes a rig and says how to set its fake's latency.
type resumeRig func(t *testing.T) (*rig, func(time.Duration))

// TestResumeAfterCancel: a run is cancelled from its progress callback
// after 25 rows while rows are in flight (slow fake), with its results
// written by ResultsTo; Resume on a fresh context finishes it. The fake
// then holds what a clean run leaves, every row ends in success, and no
// call center was created twice.
func TestResumeAfterCancel(t *testing.T) {
	t.Run("broadworks", func(t *testing.T) {
		resumeCase(t, func(t *testing.T) (*rig, func(time.Duration)) {
			r, srv, _ := newBWTLSRig(t)
			return r, srv.SetLatency
		})
	})
	t.Run("apio", func(t *testing.T) {
		resumeCase(t, func(t *testing.T) (*rig, func(time.Duration)) {
			r, srv := newAPIORig(t)
			return r, srv.SetLatency
		})
	})
}

func resumeCase(t *testing.T, newRig resumeRig) {
	const rows, cancelAt = 60, 25
	leaks := leakCheck(t)
	sheet := faultSheet(rows)
	start := time.Now()

	// A clean run, for reference.
	clean, _ := newRig(t)
	res, err := bulk.CreateFromCSV(context.Background(), clean.client, strings.NewReader(sheet), bulk.Concurrency(4))
	if err != nil || len(res) != rows {
		t.Fatalf("clean run: %v, %d results", err, len(res))
	}
	for _, x := range res {
		if !x.Success {
			t.Fatalf("clean run: row %d: %v", x.Index, x.Err)
		}
	}
	want := clean.stored(t)
	clean.close()

	// The run that is cancelled, with a few row faults before the cancel.
	r, setLatency := newRig(t)
	fig := figures{Scenario: "resume-after-cancel", Backend: r.name, Rows: rows, RowFaults: map[string]int{}, Extra: map[string]int{},
		Events: []string{"latency 15ms", fmt.Sprintf("cancel after %d rows", cancelAt), "resume: latency 1ms"}}
	for i, k := range map[int]faultKind{3: dropApplied, 5: dropLost, 9: errorRow} {
		r.inject(i, k)
		fig.RowFaults[k.String()]++
	}
	setLatency(15 * time.Millisecond)
	ct := newCounting(r.client, nil)
	ctx, cancel := context.WithCancel(context.Background())
	var first bytes.Buffer
	res1, err := bulk.CreateFromCSV(ctx, ct, strings.NewReader(sheet), bulk.Concurrency(4), bulk.ResultsTo(&first),
		bulk.OnProgress(func(p bulk.Progress) {
			if p.Done == cancelAt {
				cancel()
			}
		}))
	cancel()
	if err != nil || len(res1) != rows {
		t.Fatalf("first run: %v, %d results", err, len(res1))
	}
	if n := bytes.Count(first.Bytes(), []byte("\n")); n != rows {
		t.Errorf("first run wrote %d result lines for %d rows", n, rows)
	}
	ok1 := map[string]bool{}
	for i, x := range res1 {
		if x.Index != i {
			t.Fatalf("first run: result %d has index %d", i, x.Index)
		}
		fig.Extra["run1_"+string(x.Status)]++
		if x.Success {
			ok1[strings.ToLower(x.Data().ServiceUserID)] = true
		}
		if x.Status == bulk.StatusUnknown || x.Status == bulk.StatusExists {
			t.Errorf("first run: row %d: %s (%v)", i, x.Status, x.Err)
		}
	}
	ct.mu.Lock()
	fig.Extra["run1_in_flight_unknown"] = len(ct.unknown)
	for id, n := range ct.lookups {
		fig.Lookups += n
		if ct.unknown[id] > 0 {
			fig.UnknownOutcomes++
			if ok1[id] {
				fig.SettledCreated++
			} else {
				fig.SettledFailed++
			}
		}
	}
	ct.mu.Unlock()
	if fig.Extra["run1_skipped"] == 0 || len(ok1) < cancelAt-2 {
		t.Errorf("first run: %v; want about %d rows done and the rest skipped", fig.Extra, cancelAt)
	}
	// Even cancelled, the first run reported exactly what the fake holds.
	mid := r.stored(t)
	for id := range mid {
		if !ok1[id] {
			i := slices.IndexFunc(res1, func(x bulk.Result) bool { return strings.EqualFold(x.Data().ServiceUserID, id) })
			ct.mu.Lock()
			trace := ct.trace[id]
			ct.mu.Unlock()
			fig.Unreported++
			t.Errorf("after the cancelled run the fake holds %s, reported %s (%v; calls %q)", id, res1[i].Status, res1[i].Err, trace)
		}
	}
	for id := range ok1 {
		if _, held := mid[id]; !held {
			fig.Lost++
			t.Errorf("after the cancelled run %s is reported created but not stored", id)
		}
	}

	// Resume on a fresh context.
	setLatency(time.Millisecond)
	res2, err := bulk.CreateFromCSV(context.Background(), ct, strings.NewReader(sheet), bulk.Concurrency(4),
		bulk.Resume(bytes.NewReader(first.Bytes())))
	if err != nil || len(res2) != rows {
		t.Fatalf("resume: %v, %d results", err, len(res2))
	}
	for i, x := range res2 {
		id := strings.ToLower(x.Data().ServiceUserID)
		fig.Extra["run2_"+string(x.Status)]++
		wantStatus := bulk.StatusCreated
		if ok1[id] {
			wantStatus = bulk.StatusDone
		}
		if x.Index != i || !x.Success || x.Status != wantStatus {
			t.Errorf("resume: row %d (index %d): success %v status %s (%v); want %s", i, x.Index, x.Success, x.Status, x.Err, wantStatus)
		}
		ct.mu.Lock()
		trace := ct.trace[id]
		ct.mu.Unlock()
		// A row done in the first run is never sent again; any other row
		// is sent again only after a definite failure or a lookup.
		switch {
		case ok1[id] && strings.Count(trace, "S")+strings.Count(trace, "U") > 1:
			fig.Duplicates++
			t.Errorf("row %d succeeded in the first run but was sent again (calls %q)", i, trace)
		case strings.Contains(trace, "US") || strings.Contains(trace, "UU"):
			fig.Duplicates++
			t.Errorf("row %d: sent again after an unknown outcome without a lookup (calls %q)", i, trace)
		}
	}

	// The fake now holds what the clean run left, with the same data.
	r.clear()
	got := r.stored(t)
	fig.Stored = len(got)
	if len(got) != len(want) {
		t.Errorf("the fake holds %d call centers, a clean run %d", len(got), len(want))
	}
	for id, w := range want {
		g, ok := got[id]
		if !ok {
			fig.Lost++
			t.Errorf("%s missing after resume", id)
			continue
		}
		if d := append(callcenter.Diff(w, g), callcenter.Diff(g, w)...); len(d) > 0 || g.Profile.Password != w.Profile.Password {
			fig.DataMismatches++
			t.Errorf("%s differs from the clean run's: %v", id, d)
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			fig.Unreported++
			t.Errorf("%s stored after resume, not by a clean run", id)
		}
	}
	// No call center was created twice: the fake counted one create per
	// row and never answered "already exists".
	added, addCmds, hits := r.counters()
	fig.FakeHits, fig.FakeAddCommands = hits, addCmds
	var exists int
	fig.WireCreates, fig.WireRefused, exists, fig.WireUnanswered = r.wire.totals()
	if added != rows || exists != 0 {
		fig.Duplicates += exists
		t.Errorf("the fake created %d call centers for %d rows; %d creates were answered 'already exists'", added, rows, exists)
	}
	r.close()
	fig.LeakedGoroutine = leaks()
	fig.ElapsedMS = time.Since(start).Milliseconds()
	fig.Created = fig.Extra["run1_created"] + fig.Extra["run2_created"]
	record(t, fig)
}

// cancelAfterAnswer is an HTTP transport that cancels the run's context
// right after the answer to the create of one service user id arrives, as
// a user pressing Ctrl-C at that moment would.
type cancelAfterAnswer struct {
	next   http.RoundTripper
	id     string
	cancel context.CancelFunc
}

func (c *cancelAfterAnswer) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	resp, err := c.next.RoundTrip(req)
	if err == nil && req.Method == http.MethodPost && bytes.Contains(body, []byte(c.id)) {
		c.cancel()
	}
	return resp, err
}

// TestFaultCancelAfterAnswer: the context is cancelled just after APIO has
// answered a create with 200. The create took effect, so bulk must report
// the row created, or unknown and settle it with a lookup; it must not
// report a definite failure (a failure that says "safe to retry").
func TestFaultCancelAfterAnswer(t *testing.T) {
	leaks := leakCheck(t)
	srv := apiotest.NewServer()
	tr := &http.Transport{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hc := &http.Client{Transport: &cancelAfterAnswer{next: tr, id: faultID(1), cancel: cancel}}
	client, err := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword), apio.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Close(); tr.CloseIdleConnections(); leaks() }()
	res, err := bulk.CreateFromData(ctx, client, faultData(t, 3), bulk.Concurrency(1))
	if err != nil || len(res) != 3 {
		t.Fatalf("%v, %d results", err, len(res))
	}
	held := slices.ContainsFunc(srv.CallCenters(), func(c apiotest.CallCenter) bool { return c.ServiceUserID == faultID(1) })
	x := res[1]
	t.Logf("row 1: success %v status %s (%v); the fake holds it: %v", x.Success, x.Status, x.Err, held)
	if !held {
		t.Fatal("the create did not reach the fake")
	}
	if !x.Success && x.Status != bulk.StatusUnknown {
		t.Errorf("a create answered 200 whose context was cancelled right after the answer is reported %s (%v), though it was created", x.Status, x.Err)
	}
}

// faultSettle are the settle delays of the fault scenarios: short, as the
// fakes carry out a create before they drop its connection (the late case
// has TestFaultLateApplyAfterDrop, with the defaults).
var faultSettle = []time.Duration{5 * time.Millisecond, 20 * time.Millisecond}
