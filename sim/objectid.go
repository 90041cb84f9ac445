package sim

import "encoding/hex"

// AppendObjectID writes the object's ID (ObjectID's text, a UUID) into
// dst without making a string of it: the wire server writes one into
// nearly every reply that returns an object.
func (b *viewBase) AppendObjectID(dst []byte) []byte {
	var s [36]byte
	u := b.id
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return append(dst, s[:]...)
}
