package wire

import (
	_ "embed"
	"net/http"
	"strconv"
)

// openAPIDoc is the protocol's OpenAPI 3.0 document, as GET /openapi.yaml
// serves it.
//
//go:embed openapi.yaml
var openAPIDoc []byte

func (s *Server) handleOpenAPI(w http.ResponseWriter, _ *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/yaml")
	h.Set("Content-Length", strconv.Itoa(len(openAPIDoc)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(openAPIDoc)
}
