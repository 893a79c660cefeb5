package main

// Bootstrap tokens (plugin/pkg/auth/authenticator/token/bootstrap/bootstrap.go with
// cluster-bootstrap's ParseToken, GetExpiration and GetGroups), Secrets from -objects-file.
// Every refusal is logged (kube-apiserver: at -v=3) and is "not mine", never an error: the union
// then ends in "invalid bearer token".

import (
	"crypto/subtle"
	"fmt"
	"log"
	"regexp"
	"sort"
	"strings"
	"time"
)

var (
	bootstrapTokenRe = regexp.MustCompile(`\A([a-z0-9]{6})\.([a-z0-9]{16})\z`)
	bootstrapGroupRe = regexp.MustCompile(`\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\z`)
)

const bootstrapGroupPattern = `\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\z`

type bootstrapAuthenticator struct{ store objectStore }

func tokenErrorf(s *object, format string, args ...interface{}) {
	log.Printf(fmt.Sprintf("Bootstrap secret %s/%s matching bearer token ", s.Metadata.Namespace, s.Metadata.Name)+format, args...)
}

func (b bootstrapAuthenticator) AuthenticateToken(token string) (*userInfo, bool, error) {
	m := bootstrapTokenRe.FindStringSubmatch(token)
	if m == nil {
		return nil, false, nil
	}
	tokenID, tokenSecret := m[1], m[2]
	secretName := "bootstrap-token-" + tokenID
	secret, err := b.store.get("Secret", "kube-system", secretName)
	if err != nil {
		log.Printf("No secret of name %s to match bootstrap bearer token", secretName)
		return nil, false, nil
	}
	if secret.Metadata.DeletionTimestamp != nil {
		tokenErrorf(secret, "is deleted and awaiting removal")
		return nil, false, nil
	}
	if secret.Type != "bootstrap.kubernetes.io/token" || (secret.Data == nil && secret.StringData == nil) {
		tokenErrorf(secret, "has invalid type, expected %s.", "bootstrap.kubernetes.io/token")
		return nil, false, nil
	}
	if subtle.ConstantTimeCompare([]byte(secret.value("token-secret")), []byte(tokenSecret)) != 1 {
		tokenErrorf(secret, "has invalid value for key %s, expected %s.", "token-secret", tokenSecret)
		return nil, false, nil
	}
	id := secret.value("token-id")
	if id != tokenID {
		tokenErrorf(secret, "has invalid value for key %s, expected %s.", "token-id", tokenID)
		return nil, false, nil
	}
	if exp := secret.value("expiration"); exp != "" {
		expTime, err := time.Parse(time.RFC3339, exp)
		if err != nil {
			log.Printf("Unparseable expiration time (%s) in %s/%s Secret: %v. Treating as expired.", exp, secret.Metadata.Namespace, secret.Metadata.Name, err)
			return nil, false, nil
		}
		if expTime.Sub(time.Now()) <= 0 {
			log.Printf("Expired bootstrap token in %s/%s Secret: %v", secret.Metadata.Namespace, secret.Metadata.Name, exp)
			return nil, false, nil
		}
	}
	if secret.value("usage-bootstrap-authentication") != "true" {
		tokenErrorf(secret, "not marked %s=true.", "usage-bootstrap-authentication")
		return nil, false, nil
	}
	groups := map[string]bool{"system:bootstrappers": true}
	if extra := secret.value("auth-extra-groups"); extra != "" {
		for _, g := range strings.Split(extra, ",") {
			if !bootstrapGroupRe.MatchString(g) {
				tokenErrorf(secret, "has invalid value for key %s: %v.", "auth-extra-groups",
					fmt.Errorf("bootstrap group %q is invalid (must match %s)", g, bootstrapGroupPattern))
				return nil, false, nil
			}
			groups[g] = true
		}
	}
	list := make([]string, 0, len(groups))
	for g := range groups {
		list = append(list, g)
	}
	sort.Strings(list)
	return &userInfo{Username: "system:bootstrap:" + id, Groups: list}, true, nil
}
