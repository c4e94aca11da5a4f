// Inline suppressions in C#: `//` comments.
using System.IO;
using System.Threading.Tasks;
using Amazon.SimpleEmail;
using Amazon.SimpleEmail.Model;

public sealed class Mailer
{
    private readonly IAmazonSimpleEmailService _legacy;

    public Mailer(IAmazonSimpleEmailService legacy) => _legacy = legacy;

    // sesguard: ignore[SES016] replays a recorded v1 request
    public Task Replay(MemoryStream mime) => _legacy.SendRawEmailAsync(new SendRawEmailRequest { RawMessage = new RawMessage(mime) });
}
