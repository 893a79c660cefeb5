package main

// --token-auth-file, read once at startup as tokenfile.NewCSV reads it: encoding/csv with
// FieldsPerRecord = -1 and nothing else; fewer than 3 columns stops the server with
// "token file '%s' must have at least 3 columns (token, user name, user uid), found %d"; an empty
// token warns and is skipped; a duplicate warns and the last row wins; column 4 is split on ",".

import (
	"encoding/csv"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
)

type tokenFile map[string]*userInfo

func readTokenFile(path string) (tokenFile, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	recordNum := 0
	tokens := tokenFile{}
	reader := csv.NewReader(file)
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
		recordNum++
		if record[0] == "" {
			log.Printf("empty token has been found in token file '%s', record number '%d'", path, recordNum)
			continue
		}
		obj := &userInfo{Username: record[1], UID: record[2]}
		if _, exist := tokens[record[0]]; exist {
			log.Printf("duplicate token has been found in token file '%s', record number '%d'", path, recordNum)
		}
		tokens[record[0]] = obj
		if len(record) >= 4 {
			obj.Groups = strings.Split(record[3], ",")
		}
	}
	return tokens, nil
}

func (t tokenFile) AuthenticateToken(token string) (*userInfo, bool, error) {
	u, ok := t[token]
	if !ok {
		return nil, false, nil
	}
	copied := *u
	copied.Groups = append([]string(nil), u.Groups...)
	return &copied, true, nil
}
