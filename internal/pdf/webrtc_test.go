package pdf

import (
	"context"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestNoWebRTC: a script in a brief (with unsafe_html: true) cannot make the PDF
// browser send anything by WebRTC, which neither the Fetch handler nor the host
// resolver rules see: gathering candidates with a STUN and a TURN server on loopback
// sends nothing to either. Without the WebRTC flag the STUN server gets packets, so the
// listener would see a leak.
func TestNoWebRTC(t *testing.T) {
	needBrowser(t)
	chrome, err := FindChrome("")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Flags", func(t *testing.T) {
		if got := webRTCTraffic(t, Flags(chrome, t.TempDir(), false)); got != "" {
			t.Errorf("a page's RTCPeerConnection sent %s", got)
		}
	})
	t.Run("without webrtc-ip-handling-policy", func(t *testing.T) {
		flags := append(Flags(chrome, t.TempDir(), false), chromedp.Flag("webrtc-ip-handling-policy", false))
		if got := webRTCTraffic(t, flags); got == "" {
			t.Errorf("no STUN packet arrived without the flag: the test cannot see a leak")
		}
	})
}

// webRTCTraffic runs a page script that gathers ICE candidates with a STUN server and a
// TURN server (over TCP) on loopback, in a browser started with flags. It returns what
// reached them first ("" for nothing), once the browser has finished gathering or
// something arrived.
func webRTCTraffic(t *testing.T, flags []chromedp.ExecAllocatorOption) string {
	udp, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer udp.Close()
	tcp, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer tcp.Close()
	arrived := make(chan string, 2)
	go func() {
		buf := make([]byte, 1500)
		if n, from, err := udp.ReadFrom(buf); err == nil {
			arrived <- fmt.Sprintf("%d bytes over UDP to the STUN server, from %s", n, from)
		}
	}()
	go func() {
		if c, err := tcp.Accept(); err == nil {
			c.Close()
			arrived <- "a TCP connection to the TURN server, from " + c.RemoteAddr().String()
		}
	}()

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), flags...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute) // a hang guard
	defer cancelTimeout()
	script := fmt.Sprintf(`new Promise(resolve => {
	const pc = new RTCPeerConnection({iceServers: [
		{urls: "stun:127.0.0.1:%d"},
		{urls: "turn:127.0.0.1:%d?transport=tcp", username: "u", credential: "p"},
	]});
	pc.createDataChannel("x");
	pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === "complete") resolve(true); };
	pc.createOffer().then(offer => pc.setLocalDescription(offer));
})`, udp.LocalAddr().(*net.UDPAddr).Port, tcp.Addr().(*net.TCPAddr).Port)
	gathered := make(chan error, 1)
	go func() {
		_, err := chromedp.Run(ctx, chromedp.Navigate("about:blank"))
		if err == nil {
			_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](script, chromedp.EvalAwaitPromise))
		}
		gathered <- err
	}()
	select {
	case what := <-arrived:
		return what
	case err := <-gathered:
		if err != nil {
			t.Fatalf("gathering ICE candidates: %v", err)
		}
	}
	// Gathering is over: anything it sent has long arrived.
	select {
	case what := <-arrived:
		return what
	default:
		return ""
	}
}
