// Verifies certificate chains the way kube-apiserver's x509 authenticator does and prints the
// verdicts as JSON, so tests can compare them with src/pki's verifyChain. Standard library only.
//
// Input (stdin): a JSON array of cases {name, leaf, intermediates, roots, purpose, hostname, at}
// where leaf/intermediates/roots are PEM text, purpose is "client" or "server" and at is RFC 3339.
// Output (stdout): a JSON array of {name, ok, error, parseError, cn, o, skipped} in the same order.
// Roots and intermediates go into their pools as CertPool.AppendCertsFromPEM puts them: a
// certificate x509.ParseCertificate refuses is left out (skipped lists it with Go's error).
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

type skippedCert struct {
	Pool  string `json:"pool"`
	Index int    `json:"index"`
	Error string `json:"error"`
}

type verdict struct {
	Name       string        `json:"name"`
	OK         bool          `json:"ok"`
	Error      string        `json:"error"`
	ParseError string        `json:"parseError"`
	CN         string        `json:"cn"`
	O          []string      `json:"o"`
	Skipped    []skippedCert `json:"skipped"`
}

// addToPool adds every CERTIFICATE block Go can parse, as AppendCertsFromPEM does, and lists the rest.
func addToPool(pool *x509.CertPool, text, name string, v *verdict) {
	rest := []byte(text)
	index := 0
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return
		}
		if block.Type != "CERTIFICATE" || len(block.Headers) != 0 {
			continue
		}
		index++
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			v.Skipped = append(v.Skipped, skippedCert{Pool: name, Index: index, Error: err.Error()})
			continue
		}
		pool.AddCert(c)
	}
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
	v := verdict{Name: tc.Name, O: []string{}, Skipped: []skippedCert{}}
	leaves, err := parseAll(tc.Leaf)
	if err != nil || len(leaves) == 0 {
		v.Error = fmt.Sprintf("parse leaf: %v", err)
		if err != nil {
			v.ParseError = err.Error()
		}
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
	addToPool(opts.Roots, tc.Roots, "roots", &v)
	addToPool(opts.Intermediates, tc.Intermediates, "intermediates", &v)
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
