package neo4jsink

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"
)

// TestOpenSilentServer: a server that accepts connections and never answers (a hung
// process, a firewall that swallows packets) gives a *ConnectError within the connect
// budget, not a hang.
func TestOpenSilentServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		var conns []net.Conn
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c) // held open, never answered
		}
	}()
	start := time.Now()
	_, err = Open(context.Background(), Config{URI: "bolt://" + l.Addr().String(), ConnectBudget: 3 * time.Second})
	var ce *ConnectError
	if !errors.As(err, &ce) {
		t.Fatalf("Open = %T %v, want *ConnectError", err, err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s with a 3 s budget", d)
	}
	t.Log(err)
}

// TestOpenNotBolt: pointing at something that is not Bolt is a *ConnectError too.
func TestOpenNotBolt(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"))
			c.Close()
		}
	}()
	_, err = Open(context.Background(), Config{URI: "bolt://" + l.Addr().String()})
	var ce *ConnectError
	if !errors.As(err, &ce) {
		t.Fatalf("Open = %T %v, want *ConnectError", err, err)
	}
}
