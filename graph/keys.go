package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"unsafe"
)

// ArticleKey returns the key of an article: 12 hex digits of the SHA-256 of its normalized text.
func ArticleKey(normalizedText string) string {
	// the text's bytes read in place: []byte(normalizedText) copied every article's text
	// (Sum256 neither keeps nor changes its input)
	sum := sha256.Sum256(unsafe.Slice(unsafe.StringData(normalizedText), len(normalizedText)))
	return "article:" + hex.EncodeToString(sum[:])[:12]
}

// PersonKey returns the key of a person.
func PersonKey(name string) string { return "person:" + name }

// OrgKey returns the key of an organization by its canonical name.
func OrgKey(canonical string) string { return "org:" + canonical }

// RoleKey returns the key of a title at an organization; org may be empty.
func RoleKey(org, title string) string { return "role:" + org + "/" + title }

// EventKey returns the key of an event; an empty date is written "unknown".
func EventKey(date, name string) string {
	if date == "" {
		date = "unknown"
	}
	return "event:" + date + ":" + name
}

// PlaceKey returns the key of a place.
func PlaceKey(name string) string { return "place:" + name }
