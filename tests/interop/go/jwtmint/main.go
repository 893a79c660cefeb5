// Mints JWTs with the Go standard library the way kube-apiserver's signer (go-jose) does: header
// {"alg","kid"} with kid = base64url(SHA-256(PKIX public key)), RS256 (PKCS#1 v1.5), PS256 (salt
// length = hash length) and ES256 (raw r‖s). Writes the public key to <dir>/<alg>.pub and the
// token to <dir>/<alg>.jwt, for tests that read Go's tokens with src/tokens.
package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"log"
	"os"
	"path/filepath"
)

func main() {
	dir := os.Args[1]
	claims := os.Args[2]
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		log.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		log.Fatal(err)
	}
	for _, alg := range []string{"RS256", "PS256", "ES256"} {
		var pub crypto.PublicKey = &rsaKey.PublicKey
		if alg == "ES256" {
			pub = &ecKey.PublicKey
		}
		der, err := x509.MarshalPKIXPublicKey(pub)
		if err != nil {
			log.Fatal(err)
		}
		sum := sha256.Sum256(der)
		header, _ := json.Marshal(map[string]string{"alg": alg, "kid": base64.RawURLEncoding.EncodeToString(sum[:])})
		input := base64.RawURLEncoding.EncodeToString(header) + "." + base64.RawURLEncoding.EncodeToString([]byte(claims))
		digest := sha256.Sum256([]byte(input))
		var sig []byte
		switch alg {
		case "RS256":
			sig, err = rsa.SignPKCS1v15(rand.Reader, rsaKey, crypto.SHA256, digest[:])
		case "PS256":
			sig, err = rsa.SignPSS(rand.Reader, rsaKey, crypto.SHA256, digest[:], &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
		case "ES256":
			r, s, e := ecdsa.Sign(rand.Reader, ecKey, digest[:])
			err = e
			sig = make([]byte, 64)
			r.FillBytes(sig[:32])
			s.FillBytes(sig[32:])
		}
		if err != nil {
			log.Fatal(err)
		}
		token := input + "." + base64.RawURLEncoding.EncodeToString(sig)
		pubPem := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
		if err := os.WriteFile(filepath.Join(dir, alg+".pub"), pubPem, 0o600); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, alg+".jwt"), []byte(token), 0o600); err != nil {
			log.Fatal(err)
		}
	}
}
