package main

// The stand-in's API objects: ServiceAccounts, Pods, Secrets and Nodes from -objects-file, a v1
// List in JSON (what `kubectl get … -o json` prints; src/tokens clusterObjectsJson writes it).
// The file is read again on every lookup, like an informer's cache that follows the cluster, so a
// test can delete an object and see its tokens stop working. A missing object is the error the
// API server's client returns (`serviceaccounts "x" not found`).

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"time"
)

type objectMeta struct {
	Name              string            `json:"name"`
	Namespace         string            `json:"namespace"`
	UID               string            `json:"uid"`
	DeletionTimestamp *time.Time        `json:"deletionTimestamp"`
	Labels            map[string]string `json:"labels"`
}

type object struct {
	Kind       string            `json:"kind"`
	Metadata   objectMeta        `json:"metadata"`
	Type       string            `json:"type"`
	Data       map[string]string `json:"data"`
	StringData map[string]string `json:"stringData"`
	Secrets    []struct {
		Name string `json:"name"`
	} `json:"secrets"`
}

type objectStore struct{ path string }

var resourceOf = map[string]string{"ServiceAccount": "serviceaccounts", "Pod": "pods", "Secret": "secrets", "Node": "nodes"}

func (s objectStore) get(kind, namespace, name string) (*object, error) {
	if s.path != "" {
		raw, err := os.ReadFile(s.path)
		if err != nil {
			return nil, err
		}
		var list struct {
			Items []object `json:"items"`
		}
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("reading -objects-file: %v", err)
		}
		for i := range list.Items {
			o := &list.Items[i]
			if o.Kind == kind && o.Metadata.Name == name && (kind == "Node" || o.Metadata.Namespace == namespace) {
				return o, nil
			}
		}
	}
	return nil, fmt.Errorf("%s %q not found", resourceOf[kind], name)
}

// value is bootstrapsecretutil.GetData over data (base64, as stored) and stringData.
func (o *object) value(key string) string {
	if v, ok := o.Data[key]; ok {
		b, err := base64.StdEncoding.DecodeString(v)
		if err != nil {
			return ""
		}
		return string(b)
	}
	return o.StringData[key]
}
