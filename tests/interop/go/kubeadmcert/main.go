// kubeadmcert makes a cluster CA and an API server serving certificate the way kubeadm does
// (cmd/kubeadm/app/util/pkiutil: NewSelfSignedCACert, NewSignedCert; the names of
// GetAPIServerAltNames: the node name, kubernetes and its longer forms, the first service IP and the
// advertise address, then any extra SANs), with Go's crypto/x509, which lays the extensions out in
// kubeadm's order. It then asks Go, as kubectl does, to check the certificate for each host given,
// and prints the verdicts.
//
// Usage: kubeadmcert DIR NODE ADVERTISE_IP [EXTRA_SAN...] -- HOST...
// Writes DIR/ca.crt and DIR/apiserver.crt; prints one JSON object: {"host": "error or empty"}.
package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).SetInt64(math.MaxInt64-1))
	must(err)
	return n.Add(n, big.NewInt(1))
}

func write(path string, der []byte) {
	f, err := os.Create(path)
	must(err)
	defer f.Close()
	must(pem.Encode(f, &pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func main() {
	args := os.Args[1:]
	dir, node, advertise := args[0], args[1], net.ParseIP(args[2])
	var extra, hosts []string
	rest := args[3:]
	for i, a := range rest {
		if a == "--" {
			extra, hosts = rest[:i], rest[i+1:]
			break
		}
	}

	now := time.Now()
	caKey, err := rsa.GenerateKey(rand.Reader, 2048)
	must(err)
	caTmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: "kubernetes"},
		DNSNames:              []string{"kubernetes"},
		NotBefore:             now.UTC(),
		NotAfter:              now.Add(87600 * time.Hour).UTC(),
		KeyUsage:              x509.KeyUsageKeyEncipherment | x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	must(err)
	ca, err := x509.ParseCertificate(caDER)
	must(err)

	dns := []string{node, "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"}
	ips := []net.IP{net.ParseIP("10.96.0.1"), advertise}
	for _, s := range extra {
		if ip := net.ParseIP(s); ip != nil {
			ips = append(ips, ip)
		} else {
			dns = append(dns, s)
		}
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	must(err)
	tmpl := &x509.Certificate{
		Subject:               pkix.Name{CommonName: "kube-apiserver"},
		DNSNames:              dns,
		IPAddresses:           ips,
		SerialNumber:          serial(),
		NotBefore:             ca.NotBefore,
		NotAfter:              now.Add(8760 * time.Hour).UTC(),
		KeyUsage:              x509.KeyUsageKeyEncipherment | x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  false,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	must(err)
	write(filepath.Join(dir, "ca.crt"), caDER)
	write(filepath.Join(dir, "apiserver.crt"), der)

	leaf, err := x509.ParseCertificate(der)
	must(err)
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	out := map[string]string{}
	for _, h := range hosts {
		_, err := leaf.Verify(x509.VerifyOptions{Roots: roots, DNSName: h, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
		out[h] = ""
		if err != nil {
			out[h] = err.Error()
		}
	}
	must(json.NewEncoder(os.Stdout).Encode(out))
}
