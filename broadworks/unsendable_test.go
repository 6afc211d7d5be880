package broadworks_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// TestNothingReplacedInSilence: a name or a password holding U+FFFE or
// U+FFFF used to pass validation, go out as U+FFFD and report "created",
// leaving the platform with another password than the sheet's. Now every
// way in refuses it, naming the field, and nothing reaches the server: the
// model's validation (add, modify, a bulk row), the encoder for a command
// built by hand, the client's identifiers and its own credentials.
func TestNothingReplacedInSilence(t *testing.T) {
	srv := newServer(t)
	c := clientFor(t, srv, "TLS")
	ctx := context.Background()
	for _, bad := range []string{"\ufffe", "\uffff"} {
		pw := basic("pw@example.com")
		pw.Profile.Password = callcenter.Secret("Pass" + bad + "word")
		name := basic("name@example.com")
		name.Profile.Name = "Sales" + bad
		var ve *broadworks.ValidationError
		for _, tc := range []struct {
			what  string
			err   error
			field string
		}{
			{"AddCallCenter, password", c.AddCallCenter(ctx, pw), "serviceInstanceProfile.password"},
			{"AddCallCenter, name", c.AddCallCenter(ctx, name), "serviceInstanceProfile.name"},
			{"ModifyCallCenter, password", c.ModifyCallCenter(ctx, callcenter.CallCenter{ServiceUserID: "pw@example.com", Profile: pw.Profile}), "serviceInstanceProfile.password"},
			{"a command built by hand", func() error {
				_, err := c.Do(ctx, &broadworks.GroupCallCenterGetInstanceRequest22{ServiceUserID: "x" + bad + "@example.com"})
				return err
			}(), "serviceUserId"},
			{"GetCallCenter", func() error { _, err := c.GetCallCenter(ctx, "x"+bad+"@example.com"); return err }(), "serviceUserId"},
		} {
			if !errors.As(tc.err, &ve) || !ve.Has(tc.field) {
				t.Errorf("%s holding %U: %v, want a ValidationError on %s", tc.what, []rune(bad)[0], tc.err, tc.field)
			}
		}
		rs, err := bulk.CreateFromData(ctx, c, []callcenter.CallCenter{pw, name})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.Status != bulk.StatusInvalid || !strings.Contains(r.Err.Error(), "XML 1.0 cannot carry") {
				t.Errorf("bulk row %d: %s %v, want invalid", r.Index, r.Status, r.Err)
			}
		}
		if _, err := broadworks.NewClient("127.0.0.1", "u"+bad, "p"); !errors.As(err, &ve) || !ve.Has("username") {
			t.Errorf("NewClient user name holding %U: %v", []rune(bad)[0], err)
		}
		if _, err := broadworks.NewClient("127.0.0.1", "u", "p"+bad); !errors.As(err, &ve) || !ve.Has("password") || strings.Contains(err.Error(), "p"+bad) {
			t.Errorf("NewClient password holding %U: %v", []rune(bad)[0], err)
		}
	}
	if st := srv.Stats(); st.Documents != 0 || len(srv.CallCenters()) != 0 {
		t.Errorf("something reached the server: %+v", st)
	}
}
