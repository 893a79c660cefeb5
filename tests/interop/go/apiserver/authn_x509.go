package main

// The x509 authenticator (staging/src/k8s.io/apiserver/pkg/authentication/request/x509): the TLS
// layer only *requests* a client certificate; it is verified with crypto/x509 against
// --client-ca-file with KeyUsages ClientAuth and the client's chain as intermediates; CN becomes
// the user name, every O a group. A certificate that fails verification is an error (401); no
// certificate, or an empty CN, is "no credential". With -credential-id it reports, as
// kube-apiserver 1.32 and later do, "authentication.kubernetes.io/credential-id":
// ["X509SHA256=<hex SHA-256 of the certificate>"] (CommonNameUserConversion).

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"net/http"
)

type x509Authenticator struct {
	roots        *x509.CertPool
	credentialID bool
}

func (a x509Authenticator) AuthenticateRequest(r *http.Request) (*userInfo, bool, error) {
	leaf, err := verifiedPeer(r, a.roots)
	if leaf == nil || err != nil {
		return nil, false, err
	}
	if leaf.Subject.CommonName == "" {
		return nil, false, nil
	}
	u := &userInfo{Username: leaf.Subject.CommonName, Groups: append([]string{}, leaf.Subject.Organization...)}
	if a.credentialID {
		sum := sha256.Sum256(leaf.Raw)
		u.Extra = map[string][]string{
			"authentication.kubernetes.io/credential-id": {"X509SHA256=" + hex.EncodeToString(sum[:])},
		}
	}
	return u, true, nil
}

// verifiedPeer is the verification both certificate authenticators share (request/x509's
// Authenticator and Verifier): the peer's first certificate verified against roots with KeyUsages
// ClientAuth (DefaultVerifyOptions) and the peer's other certificates as intermediates. No
// certificate: nil and no error; a failure names the certificate as certificateIdentifier does.
func verifiedPeer(r *http.Request, roots *x509.CertPool) (*x509.Certificate, error) {
	if r.TLS == nil || len(r.TLS.PeerCertificates) == 0 {
		return nil, nil
	}
	leaf := r.TLS.PeerCertificates[0]
	intermediates := x509.NewCertPool()
	for _, c := range r.TLS.PeerCertificates[1:] {
		intermediates.AddCert(c)
	}
	opts := x509.VerifyOptions{
		Roots:         roots,
		Intermediates: intermediates,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	if _, err := leaf.Verify(opts); err != nil {
		// certificateIdentifier: SKID and AKID as upper-case hex pairs joined by ':' (hexPairs).
		return nil, fmt.Errorf("verifying certificate SN=%s, SKID=%s, AKID=%s failed: %w",
			leaf.SerialNumber, hexPairs(leaf.SubjectKeyId), hexPairs(leaf.AuthorityKeyId), err)
	}
	return leaf, nil
}
