package main

// The impersonation filter (staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go,
// WithImpersonation and buildImpersonationRequests; the classic "impersonate" verb, not 1.35's
// constrained impersonation), after authentication and before the request is authorized:
//   - Impersonate-User (a system:serviceaccount:<ns>:<name> user is a ServiceAccount), every
//     Impersonate-Group value, every value of every Impersonate-Extra-<key> header (key
//     lower-cased, then url.PathUnescape'd) and Impersonate-Uid each become one request;
//   - a group, extra or uid without a user: InternalError, "requested [...] without impersonating
//     a user" (500, plain text);
//   - each request is authorized for the real user with verb impersonate on: users (API group ""),
//     groups (""), serviceaccounts ("", in the namespace), uids (authentication.k8s.io),
//     userextras/<key> (authentication.k8s.io), the value as the resource name; the first denial
//     is a 403 (responsewriters.Forbidden: apierrors.NewForbidden(group/resource, name,
//     forbiddenMessage(attributes)));
//   - the new user: the user, the uid, the groups (a service account's groups when none were
//     given), the extra; system:authenticated appended unless system:authenticated or
//     system:unauthenticated is there; impersonating system:anonymous appends
//     system:unauthenticated instead.
// The RBAC table comes from -rbac-file: a JSON v1 List of ClusterRoles, ClusterRoleBindings,
// Roles and RoleBindings (kubectl get … -o json), matched as RBAC's rule resolver does.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
)

type rbacRule struct {
	Verbs         []string `json:"verbs"`
	APIGroups     []string `json:"apiGroups"`
	Resources     []string `json:"resources"`
	ResourceNames []string `json:"resourceNames"`
}

type rbacObject struct {
	Kind     string     `json:"kind"`
	Metadata objectMeta `json:"metadata"`
	Rules    []rbacRule `json:"rules"`
	RoleRef  struct {
		Kind string `json:"kind"`
		Name string `json:"name"`
	} `json:"roleRef"`
	Subjects []struct {
		Kind      string `json:"kind"`
		Name      string `json:"name"`
		Namespace string `json:"namespace"`
	} `json:"subjects"`
}

type rbacTable struct{ items []rbacObject }

func readRBACFile(path string) (rbacTable, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return rbacTable{}, err
	}
	var list struct {
		Items []rbacObject `json:"items"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return rbacTable{}, fmt.Errorf("reading -rbac-file: %v", err)
	}
	return rbacTable{items: list.Items}, nil
}

type attributes struct {
	verb, group, resource, subresource, namespace, name string
}

func has(list []string, v string) bool {
	for _, x := range list {
		if x == v || x == "*" {
			return true
		}
	}
	return false
}

// ruleAllows is rbac.RuleAllows (VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches).
func ruleAllows(r rbacRule, a attributes) bool {
	if !has(r.Verbs, a.verb) || !has(r.APIGroups, a.group) {
		return false
	}
	combined := a.resource
	if a.subresource != "" {
		combined += "/" + a.subresource
	}
	resourceOK := false
	for _, res := range r.Resources {
		switch {
		case res == "*", res == combined:
			resourceOK = true
		case a.subresource != "" && res == "*/"+a.subresource:
			resourceOK = true
		case a.subresource != "" && res == a.resource+"/*":
			resourceOK = true
		}
	}
	if !resourceOK {
		return false
	}
	if len(r.ResourceNames) == 0 {
		return true
	}
	for _, n := range r.ResourceNames {
		if n == a.name {
			return true
		}
	}
	return false
}

func (t rbacTable) subjectMatches(o rbacObject, u userInfo) bool {
	for _, s := range o.Subjects {
		switch s.Kind {
		case "User":
			if s.Name == u.Username {
				return true
			}
		case "Group":
			for _, g := range u.Groups {
				if g == s.Name {
					return true
				}
			}
		case "ServiceAccount":
			if "system:serviceaccount:"+s.Namespace+":"+s.Name == u.Username {
				return true
			}
		}
	}
	return false
}

func (t rbacTable) allows(u userInfo, a attributes) bool {
	for _, b := range t.items {
		if b.Kind != "ClusterRoleBinding" && b.Kind != "RoleBinding" {
			continue
		}
		if b.Kind == "RoleBinding" && b.Metadata.Namespace != a.namespace {
			continue
		}
		if !t.subjectMatches(b, u) {
			continue
		}
		for _, role := range t.items {
			if role.Kind != b.RoleRef.Kind || role.Metadata.Name != b.RoleRef.Name {
				continue
			}
			if role.Kind == "Role" && role.Metadata.Namespace != b.Metadata.Namespace {
				continue
			}
			for _, r := range role.Rules {
				if ruleAllows(r, a) {
					return true
				}
			}
		}
	}
	return false
}

// forbiddenMessage is responsewriters' forbiddenMessage for a resource request.
func forbiddenMessage(u userInfo, a attributes) string {
	resource := a.resource
	if a.subresource != "" {
		resource += "/" + a.subresource
	}
	if a.namespace != "" {
		return fmt.Sprintf("User %q cannot %s resource %q in API group %q in the namespace %q", u.Username, a.verb, resource, a.group, a.namespace)
	}
	return fmt.Sprintf("User %q cannot %s resource %q in API group %q at the cluster scope", u.Username, a.verb, resource, a.group)
}

type impersonationRequest struct {
	kind, namespace, name, apiVersion, fieldPath string
}

// String is how %v prints a v1.ObjectReference value (Kind Namespace Name UID APIVersion
// ResourceVersion FieldPath), as in the "without impersonating a user" error.
func (i impersonationRequest) String() string {
	return "{" + strings.Join([]string{i.kind, i.namespace, i.name, "", i.apiVersion, "", i.fieldPath}, " ") + "}"
}

var (
	dnsLabel     = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	dnsSubdomain = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)
)

// splitServiceAccountUsername is serviceaccount.SplitUsername: system:serviceaccount:<ns>:<name>
// with a valid namespace (DNS label) and service account name (DNS subdomain).
func splitServiceAccountUsername(user string) (string, string, bool) {
	const prefix = "system:serviceaccount:"
	if !strings.HasPrefix(user, prefix) {
		return "", "", false
	}
	parts := strings.Split(strings.TrimPrefix(user, prefix), ":")
	if len(parts) != 2 || len(parts[0]) > 63 || !dnsLabel.MatchString(parts[0]) ||
		len(parts[1]) > 253 || !dnsSubdomain.MatchString(parts[1]) {
		return "", "", false
	}
	return parts[0], parts[1], true
}

func buildImpersonationRequests(h http.Header) ([]impersonationRequest, error) {
	var reqs []impersonationRequest
	user := h.Get("Impersonate-User")
	if user != "" {
		if ns, name, ok := splitServiceAccountUsername(user); ok {
			reqs = append(reqs, impersonationRequest{kind: "ServiceAccount", namespace: ns, name: name})
		} else {
			reqs = append(reqs, impersonationRequest{kind: "User", name: user})
		}
	}
	hasGroups := false
	for _, g := range h["Impersonate-Group"] {
		hasGroups = true
		reqs = append(reqs, impersonationRequest{kind: "Group", name: g})
	}
	hasExtra := false
	for name, values := range h {
		if !strings.HasPrefix(name, "Impersonate-Extra-") {
			continue
		}
		hasExtra = true
		key := strings.ToLower(name[len("Impersonate-Extra-"):])
		if k, err := url.PathUnescape(key); err == nil {
			key = k
		}
		for _, v := range values {
			reqs = append(reqs, impersonationRequest{kind: "UserExtra", apiVersion: "authentication.k8s.io/v1", name: v, fieldPath: key})
		}
	}
	uid := h.Get("Impersonate-Uid")
	if uid != "" {
		reqs = append(reqs, impersonationRequest{kind: "UID", name: uid, apiVersion: "authentication.k8s.io/v1"})
	}
	if (hasGroups || hasExtra || uid != "") && user == "" {
		return nil, fmt.Errorf("requested %v without impersonating a user", reqs)
	}
	return reqs, nil
}

// impersonate applies the filter: ok false means the response was written.
func impersonate(w http.ResponseWriter, r *http.Request, requester userInfo, table rbacTable) (userInfo, bool) {
	reqs, err := buildImpersonationRequests(r.Header)
	if err != nil {
		http.Error(w, fmt.Sprintf("Internal Server Error: %q: %v", r.RequestURI, err), http.StatusInternalServerError)
		return requester, false
	}
	if len(reqs) == 0 {
		return requester, true
	}
	groupsSpecified := len(r.Header["Impersonate-Group"]) > 0
	u := userInfo{}
	groups := []string{}
	for _, ir := range reqs {
		a := attributes{verb: "impersonate", namespace: ir.namespace, name: ir.name}
		switch ir.kind {
		case "ServiceAccount":
			a.resource = "serviceaccounts"
			u.Username = "system:serviceaccount:" + ir.namespace + ":" + ir.name
			if !groupsSpecified {
				groups = []string{"system:serviceaccounts", "system:serviceaccounts:" + ir.namespace}
			}
		case "User":
			a.resource = "users"
			u.Username = ir.name
		case "Group":
			a.resource = "groups"
			groups = append(groups, ir.name)
		case "UserExtra":
			a.group, a.resource, a.subresource = "authentication.k8s.io", "userextras", ir.fieldPath
			if u.Extra == nil {
				u.Extra = map[string][]string{}
			}
			u.Extra[ir.fieldPath] = append(u.Extra[ir.fieldPath], ir.name)
		case "UID":
			a.group, a.resource = "authentication.k8s.io", "uids"
			u.UID = ir.name
		}
		if !table.allows(requester, a) {
			qualified := a.resource
			if a.group != "" {
				qualified += "." + a.group
			}
			details := map[string]string{"name": a.name, "kind": a.resource}
			if a.group != "" {
				details["group"] = a.group
			}
			fail(w, http.StatusForbidden, "Forbidden",
				fmt.Sprintf("%s %q is forbidden: %s", qualified, a.name, forbiddenMessage(requester, a)), details)
			return requester, false
		}
	}
	if u.Username != "system:anonymous" {
		add := true
		for _, g := range groups {
			add = add && g != "system:authenticated" && g != "system:unauthenticated"
		}
		if add {
			groups = append(groups, "system:authenticated")
		}
	} else {
		add := true
		for _, g := range groups {
			add = add && g != "system:unauthenticated"
		}
		if add {
			groups = append(groups, "system:unauthenticated")
		}
	}
	u.Groups = groups
	for name := range r.Header {
		if name == "Impersonate-User" || name == "Impersonate-Group" || name == "Impersonate-Uid" || strings.HasPrefix(name, "Impersonate-Extra-") {
			r.Header.Del(name)
		}
	}
	return u, true
}
