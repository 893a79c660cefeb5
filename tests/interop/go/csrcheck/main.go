// csrcheck reports what Go's crypto/x509 says of each CSR's proof of possession, as the CSR API's
// signer sees it: x509.ParseCertificateRequest, then CertificateRequest.CheckSignature.
//
// Input on stdin: a JSON array of PEM CSRs. Output on stdout: a JSON array of {parseError,
// checkError}, each empty where Go had no error.
package main

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
)

type result struct {
	ParseError string `json:"parseError"`
	CheckError string `json:"checkError"`
}

func main() {
	var csrs []string
	if err := json.NewDecoder(os.Stdin).Decode(&csrs); err != nil {
		panic(err)
	}
	out := make([]result, 0, len(csrs))
	for _, text := range csrs {
		var r result
		block, _ := pem.Decode([]byte(text))
		if block == nil {
			r.ParseError = "no PEM block"
		} else if csr, err := x509.ParseCertificateRequest(block.Bytes); err != nil {
			r.ParseError = err.Error()
		} else if err := csr.CheckSignature(); err != nil {
			r.CheckError = err.Error()
		}
		out = append(out, r)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
