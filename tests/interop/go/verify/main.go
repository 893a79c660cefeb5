// Verifies certificate chains the way kube-apiserver's x509 authenticator does and prints the
// verdicts as JSON, so tests can compare them with src/pki's verifyChain. Standard library only.
//
// Input (stdin): a JSON array of cases {name, leaf, intermediates, roots, purpose, hostname, at}
// where leaf/intermediates/roots are PEM text, purpose is "client" or "server" and at is RFC 3339.
// Output (stdout): a JSON array of {name, ok, error, cn, o} in the same order.
package main

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"time"
)

type testCase struct {
	Name          string `json:"name"`
	Leaf          string `json:"leaf"`
	Intermediates string `json:"intermediates"`
	Roots         string `json:"roots"`
	Purpose       string `json:"purpose"`
	Hostname      string `json:"hostname"`
	At            string `json:"at"`
}

type verdict struct {
	Name  string   `json:"name"`
	OK    bool     `json:"ok"`
	Error string   `json:"error"`
	CN    string   `json:"cn"`
	O     []string `json:"o"`
}

func parseAll(text string) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	rest := []byte(text)
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return out, nil
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
}

func run(tc testCase) verdict {
	v := verdict{Name: tc.Name, O: []string{}}
	leaves, err := parseAll(tc.Leaf)
	if err != nil || len(leaves) == 0 {
		v.Error = fmt.Sprintf("parse leaf: %v", err)
		return v
	}
	leaf := leaves[0]
	v.CN = leaf.Subject.CommonName
	if leaf.Subject.Organization != nil {
		v.O = leaf.Subject.Organization
	}
	opts := x509.VerifyOptions{
		Roots:         x509.NewCertPool(),
		Intermediates: x509.NewCertPool(),
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	if tc.Purpose == "server" {
		opts.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		opts.DNSName = tc.Hostname
	}
	if tc.At != "" {
		at, err := time.Parse(time.RFC3339, tc.At)
		if err != nil {
			v.Error = fmt.Sprintf("parse time: %v", err)
			return v
		}
		opts.CurrentTime = at
	}
	roots, err := parseAll(tc.Roots)
	if err != nil {
		v.Error = fmt.Sprintf("parse roots: %v", err)
		return v
	}
	for _, c := range roots {
		opts.Roots.AddCert(c)
	}
	inters, err := parseAll(tc.Intermediates)
	if err != nil {
		v.Error = fmt.Sprintf("parse intermediates: %v", err)
		return v
	}
	for _, c := range inters {
		opts.Intermediates.AddCert(c)
	}
	if _, err := leaf.Verify(opts); err != nil {
		v.Error = err.Error()
		return v
	}
	v.OK = true
	return v
}

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "bad input:", err)
		os.Exit(2)
	}
	out := make([]verdict, 0, len(cases))
	for _, tc := range cases {
		out = append(out, run(tc))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
