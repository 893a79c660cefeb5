// Reads token files exactly as kube-apiserver's tokenfile.NewCSV does (encoding/csv with
// FieldsPerRecord = -1; at least 3 columns; column 4 split on ","; empty token skipped; the last
// duplicate wins), for tests that hold src/tokens' reader to Go's. Input: a JSON array of file
// contents on stdin. Output: a JSON array, per file either {"error": "..."} or {"users": {token:
// {"user","uid","groups"}}}.
package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

type user struct {
	User   string   `json:"user"`
	UID    string   `json:"uid"`
	Groups []string `json:"groups"`
}

type result struct {
	Error string           `json:"error,omitempty"`
	Users map[string]*user `json:"users,omitempty"`
}

const path = "/etc/kubernetes/tokens.csv"

func newCSV(text string) (map[string]*user, error) {
	tokens := map[string]*user{}
	reader := csv.NewReader(strings.NewReader(text))
	reader.FieldsPerRecord = -1
	for {
		record, err := reader.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(record) < 3 {
			return nil, fmt.Errorf("token file '%s' must have at least 3 columns (token, user name, user uid), found %d", path, len(record))
		}
		if record[0] == "" {
			continue
		}
		obj := &user{User: record[1], UID: record[2]}
		tokens[record[0]] = obj
		if len(record) >= 4 {
			obj.Groups = strings.Split(record[3], ",")
		}
	}
	return tokens, nil
}

func main() {
	var files []string
	if err := json.NewDecoder(os.Stdin).Decode(&files); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out := make([]result, len(files))
	for i, f := range files {
		users, err := newCSV(f)
		if err != nil {
			out[i] = result{Error: err.Error()}
		} else {
			out[i] = result{Users: users}
		}
	}
	_ = json.NewEncoder(os.Stdout).Encode(out)
}
