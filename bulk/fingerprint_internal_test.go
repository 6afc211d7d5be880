package bulk

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// fingerprintFmt is fingerprint as it was first written, with fmt: plans
// written then must still apply, so both must give the same digest.
func fingerprintFmt(cc callcenter.CallCenter) string {
	h := sha256.New()
	fmt.Fprintf(h, "serviceUserId=%s\n", callcenter.UserIDKey(cc.ServiceUserID))
	for _, c := range callcenter.Columns() {
		switch c.Field {
		case "serviceProviderId", "groupId", "serviceUserId", passwordColumn:
			continue
		}
		fmt.Fprintf(h, "%s=%q\n", c.Field, cc.Get(c.Field))
	}
	for i, a := range cc.Profile.Aliases {
		fmt.Fprintf(h, callcenter.AliasField+"=%q\n", i, a)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

func TestFingerprintUnchanged(t *testing.T) {
	for i, cc := range []callcenter.CallCenter{
		{},
		{ServiceUserID: " Sales@Example.com ", Profile: callcenter.Profile{Name: "Ventes \"é\" \t\x00\u2028", Aliases: []string{"a@x", "b\\@x"}}, Type: callcenter.Premium, QueueLength: new(25), EnableVideo: new(false)},
		{ServiceUserID: "x@y", Profile: callcenter.Profile{HiraganaLastName: "さとう", Department: callcenter.Department{Name: "D", Level: "Group"}}, Policy: callcenter.Weighted, WrapUpSeconds: new(0)},
	} {
		if got, want := fingerprint(cc), fingerprintFmt(cc); got != want {
			t.Errorf("call center %d: %s, was %s", i, got, want)
		}
	}
}

func TestAliasColumn(t *testing.T) {
	for name, want := range map[string]int{"serviceInstanceProfile.alias[0]": 0, "serviceInstanceProfile.alias[2]": 2, "serviceInstanceProfile.alias[12]": 12, "serviceInstanceProfile.alias[-1]": -1} {
		if n, ok := aliasColumn(name); !ok || n != want {
			t.Errorf("%s: %d %v", name, n, ok)
		}
	}
	for _, name := range []string{"serviceInstanceProfile.alias[01]", "serviceInstanceProfile.alias[+1]", "serviceInstanceProfile.alias[]", "serviceInstanceProfile.alias[1", "serviceInstanceProfile.alias", "alias[1]", "serviceInstanceProfile.alias[1]x", "serviceInstanceProfile.alias[ 1]"} {
		if n, ok := aliasColumn(name); ok {
			t.Errorf("%s: %d", name, n)
		}
	}
}
