// csrsign signs CSRs the way kube-controller-manager's kubernetes.io/kube-apiserver-client signer
// does (pkg/controller/certificates/authority.Sign: the template's Subject is the parsed CSR's
// pkix.Name, so x509.CreateCertificate re-encodes it with ToRDNSequence), with a throwaway CA, and
// reports what kube-apiserver's x509 authenticator would read from each certificate: the CN, the
// Organization values in order (the groups) and every subject attribute as encoded.
//
// Input on stdin: a JSON array of PEM CSRs. Output on stdout: a JSON array, one object each.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"os"
	"time"
)

type attribute struct {
	OID   string `json:"oid"`
	Value string `json:"value"`
	RDN   int    `json:"rdn"`
}

type result struct {
	Error      string      `json:"error,omitempty"`
	CommonName string      `json:"cn"`
	Groups     []string    `json:"groups"`
	Attributes []attribute `json:"attributes"`
}

func main() {
	var csrs []string
	if err := json.NewDecoder(os.Stdin).Decode(&csrs); err != nil {
		panic(err)
	}
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	caTemplate := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "kubernetes"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		panic(err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		panic(err)
	}
	out := []result{}
	for _, text := range csrs {
		out = append(out, sign(text, ca, caKey))
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}

func sign(text string, ca *x509.Certificate, caKey *ecdsa.PrivateKey) result {
	block, _ := pem.Decode([]byte(text))
	if block == nil {
		return result{Error: "no PEM block"}
	}
	cr, err := x509.ParseCertificateRequest(block.Bytes)
	if err != nil {
		return result{Error: err.Error()}
	}
	if err := cr.CheckSignature(); err != nil {
		return result{Error: err.Error()}
	}
	// As authority.Sign builds its template.
	tmpl := &x509.Certificate{
		SerialNumber:       big.NewInt(2),
		Subject:            cr.Subject,
		PublicKeyAlgorithm: cr.PublicKeyAlgorithm,
		PublicKey:          cr.PublicKey,
		NotBefore:          time.Now().Add(-time.Minute),
		NotAfter:           time.Now().Add(time.Hour),
		ExtKeyUsage:        []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, cr.PublicKey, caKey)
	if err != nil {
		return result{Error: err.Error()}
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return result{Error: err.Error()}
	}
	var rdns pkix.RDNSequence
	if _, err := asn1.Unmarshal(cert.RawSubject, &rdns); err != nil {
		return result{Error: err.Error()}
	}
	r := result{CommonName: cert.Subject.CommonName, Groups: cert.Subject.Organization, Attributes: []attribute{}}
	if r.Groups == nil {
		r.Groups = []string{}
	}
	for i, rdn := range rdns {
		for _, atv := range rdn {
			value, _ := atv.Value.(string)
			r.Attributes = append(r.Attributes, attribute{OID: atv.Type.String(), Value: value, RDN: i})
		}
	}
	return r
}
