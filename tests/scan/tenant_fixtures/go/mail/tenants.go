// Sends through aws-sdk-go-v2's sesv2, where the account's lanes are tenants.
package mail

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/aws-sdk-go-v2/service/sesv2/types"
)

const marketingTenant = "marketing"

func Receipt(ctx context.Context, c *sesv2.Client, content *types.EmailContent) {
	c.SendEmail(ctx, &sesv2.SendEmailInput{
		ConfigurationSetName: aws.String("transactional"),
		Content:              content,
	})
}

func Newsletter(ctx context.Context, c *sesv2.Client, content *types.EmailContent) {
	in := &sesv2.SendEmailInput{ConfigurationSetName: aws.String("marketing"), Content: content}
	in.TenantName = aws.String("marketting")
	c.SendEmail(ctx, in)
}

func Digest(ctx context.Context, c *sesv2.Client, content *types.EmailContent) {
	c.SendEmail(ctx, &sesv2.SendEmailInput{
		ConfigurationSetName: aws.String("marketing"),
		TenantName:           aws.String(marketingTenant),
		Content:              content,
	})
}

func Forward(ctx context.Context, c *sesv2.Client, in *sesv2.SendEmailInput) {
	c.SendEmail(ctx, in)
}
