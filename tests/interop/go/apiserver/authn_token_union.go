package main

// The token union (token/union/union.go) and the cache kube-apiserver puts around it
// (token/cache/cached_token_authenticator.go, TTLs from NewBuiltInAuthenticationOptions): a success
// is remembered for 10 seconds, a failure not at all, keyed by an HMAC-SHA256 of the token with a
// random key. The token authenticators, in kube-apiserver's order:
//   1. --token-auth-file            (authn_tokenfile.go)
//   2. legacy service-account tokens (authn_serviceaccount.go, issuer kubernetes/serviceaccount)
//   3. bound service-account tokens  (authn_serviceaccount.go, --service-account-issuer)
//   4. bootstrap tokens              (authn_bootstrap.go)
//   5. OIDC / --authentication-config JWT authenticators (authn_oidc.go)
//   6. the token webhook             (authn_webhook.go, with its own cache)

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"sync"
	"time"
)

type tokenUnion []tokenAuthenticator

func (u tokenUnion) AuthenticateToken(token string) (*userInfo, bool, error) {
	var errs []error
	for _, a := range u {
		info, ok, err := a.AuthenticateToken(token)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if ok {
			return info, true, nil
		}
	}
	return nil, false, newAggregate(errs)
}

// tokenSuccessTTL is kube-apiserver's TokenSuccessCacheTTL (10 s); -token-success-cache-ttl
// changes it for tests only (kube-apiserver has no such flag).
var tokenSuccessTTL = 10 * time.Second

type tokenCache struct {
	inner tokenAuthenticator
	ttl   time.Duration
	key   []byte
	mu    sync.Mutex
	hits  map[string]cacheEntry
}

type cacheEntry struct {
	user    *userInfo
	expires time.Time
}

func newTokenCache(inner tokenAuthenticator, ttl time.Duration) *tokenCache {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		panic(err)
	}
	return &tokenCache{inner: inner, ttl: ttl, key: key, hits: map[string]cacheEntry{}}
}

func (c *tokenCache) AuthenticateToken(token string) (*userInfo, bool, error) {
	mac := hmac.New(sha256.New, c.key)
	mac.Write([]byte(token))
	k := string(mac.Sum(nil))
	c.mu.Lock()
	if e, ok := c.hits[k]; ok && time.Now().Before(e.expires) {
		c.mu.Unlock()
		return e.user, true, nil
	}
	c.mu.Unlock()
	u, ok, err := c.inner.AuthenticateToken(token)
	if ok && err == nil && c.ttl > 0 {
		c.mu.Lock()
		c.hits[k] = cacheEntry{user: u, expires: time.Now().Add(c.ttl)}
		c.mu.Unlock()
	}
	return u, ok, err
}
