package bulk_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/ccsdk/callcenter-go/bulk"
)

// FuzzCSV feeds arbitrary bytes to the CSV path: it must never panic, and
// when the input as a whole is accepted every data row gets exactly one
// result, in order.
func FuzzCSV(f *testing.F) {
	files, _ := filepath.Glob("../testdata/*.csv")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(sheet(3))
	f.Add("\xEF\xBB\xBFserviceUserId,type\r\n\"a\"\"b@c\",basic\r\n\r\n,\r\n")
	f.Add("serviceUserId,serviceInstanceProfile.alias[0],serviceInstanceProfile.alias[7]\n\"x\ny@z\",a@b,\n")
	f.Add("serviceUserId,queueLength\nx@y,99999999999999999999\n\"unterminated,1\n")
	f.Add("operation,serviceUserId\ncall.center.create,<x>&amp;@y\n")
	f.Add("serviceUserId\n\xff\xfe@bad-utf8\n")
	f.Add("\xFF\xFEs\x00e\x00r\x00v\x00i\x00c\x00e\x00U\x00s\x00e\x00r\x00I\x00d\x00\n\x00a\x00@\x00x\x00\n\x00")
	f.Add("serviceUserId,serviceInstanceProfile.hiraganaLastName\na@x,\x83\x5a\x81\x5b\x83\x8b\n")
	f.Fuzz(func(t *testing.T, in string) {
		res, err := bulk.CreateFromCSV(context.Background(), newMem(), strings.NewReader(in), bulk.DryRun(), bulk.Concurrency(2))
		if err != nil {
			var he *bulk.HeaderError
			if len(res) != 0 && !errors.As(err, &he) {
				// A read error after some rows: those rows are still in order.
				for i, r := range res {
					if r.Index != i {
						t.Fatalf("result %d has index %d", i, r.Index)
					}
				}
			}
			return
		}
		want := countRows(in)
		if len(res) != want {
			t.Fatalf("%d results for %d data rows", len(res), want)
		}
		for i, r := range res {
			if r.Index != i {
				t.Fatalf("result %d has index %d", i, r.Index)
			}
			if r.Success == (r.Err != nil) {
				t.Fatalf("row %d: success %v with err %v", i, r.Success, r.Err)
			}
		}
	})
}

// plainText is a sheet's text as encoding/csv reads it: without a UTF-8
// byte order mark, and decoded from UTF-16 when it has a UTF-16 one (as the
// reader decodes it).
func plainText(in string) string {
	if strings.HasPrefix(in, "\xFF\xFE") || strings.HasPrefix(in, "\xFE\xFF") {
		out, _ := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().String(in)
		return out
	}
	return strings.TrimPrefix(in, "\xEF\xBB\xBF")
}

// countRows counts the data rows of a CSV text independently of bulk: the
// records after the header that are not all blank, a malformed record
// counting as one row.
func countRows(in string) int {
	sh, err := bulk.ReadCSV(strings.NewReader(in))
	if err != nil {
		return 0
	}
	r := csv.NewReader(strings.NewReader(plainText(in)))
	r.Comma = sh.Delimiter
	r.FieldsPerRecord = -1
	if _, err := r.Read(); err != nil {
		return 0
	}
	n := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return n
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			n++
			continue
		}
		if err != nil {
			return n
		}
		if strings.TrimSpace(strings.Join(rec, "")) != "" {
			n++
		}
	}
}

// FuzzResume feeds arbitrary bytes to Resume as an earlier run's results:
// it must never panic, and a file Resume accepts is accepted cut short at
// any byte (a run that died mid-line, a disk that filled up): the torn
// last line is a row run again, never a refused file.
func FuzzResume(f *testing.F) {
	var seed bytes.Buffer
	if _, err := bulk.CreateFromCSV(context.Background(), newMem(), strings.NewReader(sheet(3)), bulk.ResultsTo(&seed)); err != nil {
		f.Fatal(err)
	}
	f.Add(seed.Bytes(), uint16(len(seed.Bytes())/2))
	f.Add([]byte(`{"index":0,"status":"created","success":true,"data":{"service_user_id":"cc0@example.com"}}`+"\n{\"index\":1"), uint16(10))
	f.Add([]byte("{}\n\n{\"index\":2,\"prune\":true,\"status\":\"deleted\"}"), uint16(3))
	f.Fuzz(func(t *testing.T, data []byte, cut uint16) {
		resume := func(b []byte) error {
			_, err := bulk.CreateFromCSV(context.Background(), newMem(), strings.NewReader(sheet(3)), bulk.DryRun(), bulk.Resume(bytes.NewReader(b)))
			return err
		}
		if resume(data) != nil {
			return
		}
		k := int(cut) % (len(data) + 1)
		if err := resume(data[:k]); err != nil {
			t.Fatalf("accepted whole, refused cut at %d of %d: %v", k, len(data), err)
		}
	})
}
