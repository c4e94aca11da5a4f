# Inline suppressions in Ruby: `#` comments.
require "aws-sdk-ses"

class Mailer
  def initialize
    @legacy = Aws::SES::Client.new(region: "eu-west-1")
  end

  def replay(mime)
    @legacy.send_raw_email(raw_message: { data: mime }) # sesguard: ignore[SES016] replays a v1 request
  end
end
