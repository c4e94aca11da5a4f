// AWS SDK for .NET's SES v2 client, where the account's lanes are tenants.
using System.Threading.Tasks;
using Amazon.SimpleEmailV2;
using Amazon.SimpleEmailV2.Model;

public sealed class TenantMailer
{
    private const string MarketingTenant = "marketing";
    private readonly IAmazonSimpleEmailServiceV2 _ses;

    public TenantMailer(IAmazonSimpleEmailServiceV2 ses) => _ses = ses;

    public Task Receipt(EmailContent content) =>
        _ses.SendEmailAsync(new SendEmailRequest { ConfigurationSetName = "transactional", Content = content });

    public Task Newsletter(EmailContent content)
    {
        var request = new SendEmailRequest { ConfigurationSetName = "marketing", Content = content };
        request.TenantName = "marketting";
        return _ses.SendEmailAsync(request);
    }

    public Task Digest(EmailContent content) =>
        _ses.SendEmailAsync(new SendEmailRequest { ConfigurationSetName = "marketing", TenantName = MarketingTenant, Content = content });

    public Task Forward(SendEmailRequest request) => _ses.SendEmailAsync(request);
}
