package callcenter_test

import (
	"errors"
	"fmt"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// A Basic call center that sets a Standard option and has no password: every
// problem is reported at once, under its CSV column name.
func ExampleCallCenter_Validate() {
	cc := callcenter.CallCenter{
		ServiceProviderID: "MyServiceProvider",
		GroupID:           "SalesGroup",
		ServiceUserID:     "sales-center@company.com",
		Type:              callcenter.Basic,
		WrapUpSeconds:     new(30),
	}
	cc.ApplyDefaults()
	var ve *callcenter.ValidationError
	if errors.As(cc.Validate(), &ve) {
		for _, fe := range ve.Errors {
			fmt.Printf("%s: %s\n", fe.Field, fe.Message)
		}
	}
	// Output:
	// serviceInstanceProfile.password: is required
	// wrapUpSeconds: is not available for Basic call centers (Standard and Premium only)
}

func ExampleParsePolicy() {
	for _, s := range []string{"Similtaneous", "weighted call distribution", "UNIFORM", "Random"} {
		p, err := callcenter.ParsePolicy(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(p)
	}
	// Output:
	// Simultaneous
	// Weighted
	// Uniform
	// invalid policy "Random": want one of Circular, Regular, Simultaneous, Uniform, Weighted
}

func ExampleCallCenter_Set() {
	var cc callcenter.CallCenter
	for _, kv := range [][2]string{
		{"type", "standard"},
		{"wrapUpSeconds", "30"},
		{"serviceInstanceProfile.alias[0]", "sales-cc@company.com"},
		{"serviceInstanceProfile.alias[1]", ""},
		{"queueLength", "3x"},
	} {
		if err := cc.Set(kv[0], kv[1]); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println(cc.Type, *cc.WrapUpSeconds, cc.Profile.Aliases, cc.QueueLength == nil)
	// Output:
	// queueLength: invalid integer "3x"
	// Standard 30 [sales-cc@company.com] true
}

func ExampleSecret() {
	p := callcenter.Profile{Name: "Sales", Password: "password123"}
	fmt.Printf("%v %q\n", p.Password, p.Password)
	fmt.Printf("%+v\n", p)
	fmt.Println(string(p.Password) == "password123")
	// Output:
	// [REDACTED] "[REDACTED]"
	// {Name:Sales CallingLineIDLastName: CallingLineIDFirstName: Password:[REDACTED] HiraganaLastName: HiraganaFirstName: PhoneNumber: Extension: Language: TimeZone: Aliases:[] PublicUserIdentity: CallingLineIDPhoneNumber: Department:{Name: Level:}}
	// true
}
