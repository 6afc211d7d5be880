package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/ccsdk/callcenter-go/bulk"
)

// progress reports how far a run is on stderr: on a terminal one line,
// redrawn a few times a second (cut to the terminal's width so that it
// never wraps); otherwise a plain line every few seconds, so that a log
// file gets a readable line now and then rather than one line per row.
type progress struct {
	w     io.Writer
	fd    int
	tty   bool
	every time.Duration

	mu     sync.Mutex
	last   bulk.Progress
	total  int
	start  time.Time
	drawn  bool // a line is on the terminal
	stop   chan struct{}
	done   chan struct{}
	closed bool
}

// Intervals of the progress line.
const (
	ttyEvery   = 200 * time.Millisecond
	plainEvery = 5 * time.Second
)

// newProgress reports to w; fd is w's file descriptor (-1 when it has
// none). When w is not a terminal a line is printed every plain (never
// when 0). With debug logging on, the line is not redrawn (the log lines
// would cut it).
func newProgress(w io.Writer, fd int, debug bool, plain time.Duration) *progress {
	p := &progress{w: w, fd: fd, every: plain}
	if fd >= 0 && !debug && term.IsTerminal(fd) {
		p.tty, p.every = true, ttyEvery
	}
	return p
}

// update is the run's progress callback.
func (p *progress) update(pr bulk.Progress) {
	p.mu.Lock()
	p.last = pr
	p.mu.Unlock()
}

// begin starts reporting.
func (p *progress) begin(total int) {
	p.mu.Lock()
	p.total, p.start = total, time.Now()
	p.stop, p.done = make(chan struct{}), make(chan struct{})
	p.mu.Unlock()
	if p.every <= 0 {
		close(p.done)
		return
	}
	go func() {
		defer close(p.done)
		tick := time.NewTicker(p.every)
		defer tick.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-tick.C:
				p.draw()
			}
		}
	}()
}

// end stops reporting and clears the terminal line.
func (p *progress) end() {
	p.mu.Lock()
	if p.stop == nil || p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	close(p.stop)
	p.mu.Unlock()
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
}

// note prints a line of its own (above the progress line on a terminal).
func (p *progress) note(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	fmt.Fprintln(p.w, msg)
}

// clear removes the progress line from the terminal; p.mu is held.
func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	line := p.line(time.Now())
	if !p.tty {
		fmt.Fprintln(p.w, line)
		return
	}
	if width, _, err := term.GetSize(p.fd); err == nil && width > 1 && len(line) >= width {
		line = line[:width-1]
	}
	fmt.Fprint(p.w, "\r"+line+"\x1b[K")
	p.drawn = true
}

// line is e.g. "1500/10000 rows (15%), 812 rows/s, 12 not ok, ETA 10s".
func (p *progress) line(now time.Time) string {
	pr := p.last
	total := max(pr.Total, p.total)
	elapsed := pr.Elapsed
	if elapsed == 0 {
		elapsed = now.Sub(p.start)
	}
	var s string
	if total > 0 {
		s = fmt.Sprintf("%d/%d rows (%d%%)", pr.Done, total, pr.Done*100/total)
	} else {
		s = fmt.Sprintf("%d rows", pr.Done)
	}
	if pr.Done == 0 {
		return s + fmt.Sprintf(", %s, waiting for the first answer", elapsed.Round(time.Second))
	}
	s += fmt.Sprintf(", %.0f rows/s", pr.Rate)
	if pr.Failed > 0 {
		s += fmt.Sprintf(", %d not ok", pr.Failed)
	}
	if left := pr.Remaining(); left > 0 {
		s += ", ETA " + left.Round(time.Second).String()
	}
	return s
}
