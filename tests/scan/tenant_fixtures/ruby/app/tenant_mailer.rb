# aws-sdk-ruby's Aws::SESV2::Client, where the account's lanes are tenants.
require "aws-sdk-sesv2"

class TenantMailer
  MARKETING_TENANT = "marketing"

  def initialize
    @ses = Aws::SESV2::Client.new(region: "eu-west-1")
  end

  def receipt(content)
    @ses.send_email(configuration_set_name: "transactional", content: content)
  end

  def newsletter(content)
    @ses.send_email(configuration_set_name: "marketing", tenant_name: "transactionl", content: content)
  end

  def digest(content)
    @ses.send_email(configuration_set_name: "marketing", tenant_name: MARKETING_TENANT, content: content)
  end

  def forward(params)
    @ses.send_email(params)
  end
end
