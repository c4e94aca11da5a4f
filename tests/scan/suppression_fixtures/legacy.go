// Inline suppressions in Go: `//` and `/* */` comments.
package mail

import (
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/ses"
)

func Replay(raw []byte) {
	svc := ses.New(session.Must(session.NewSession()))
	// sesguard: ignore[SES016] replays a recorded v1 request
	svc.SendRawEmail(&ses.SendRawEmailInput{RawMessage: &ses.RawMessage{Data: raw}})
	svc.SendRawEmail(&ses.SendRawEmailInput{RawMessage: &ses.RawMessage{Data: raw}}) /* sesguard: ignore[SES016] the same, kept for the diff */
	svc.SendRawEmail(&ses.SendRawEmailInput{RawMessage: &ses.RawMessage{Data: raw}})
}
