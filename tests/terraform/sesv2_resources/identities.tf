# Email identities (address, domain, default set, key length, BYODKIM, tags) and what
# hangs off them: feedback forwarding, MAIL FROM, policies; their data sources.

resource "aws_sesv2_email_identity" "address" {
  email_identity = "ops@tf.example.com"
}

resource "aws_sesv2_email_identity" "domain" {
  email_identity = "tf.example.com"
  tags           = local.first ? { key1 = "value1" } : { key2 = "value2" }
}

# Step 2 points the identity at another set and deletes the first one, as SES allows.
resource "aws_sesv2_configuration_set" "default_first" {
  count                  = local.first ? 1 : 0
  configuration_set_name = "tf-default-first"
}

resource "aws_sesv2_configuration_set" "default_second" {
  count                  = local.first ? 0 : 1
  configuration_set_name = "tf-default-second"
}

resource "aws_sesv2_email_identity" "with_set" {
  email_identity = "sets.tf.example.com"
  configuration_set_name = (local.first ? aws_sesv2_configuration_set.default_first[0].configuration_set_name
  : aws_sesv2_configuration_set.default_second[0].configuration_set_name)
}

resource "aws_sesv2_email_identity" "key_length" {
  email_identity = "keys.tf.example.com"

  dkim_signing_attributes {
    next_signing_key_length = local.first ? "RSA_2048_BIT" : "RSA_1024_BIT"
  }
}

resource "aws_sesv2_email_identity" "byodkim" {
  email_identity = "byo.tf.example.com"

  dkim_signing_attributes {
    domain_signing_private_key = var.byodkim_private_key
    domain_signing_selector    = local.first ? "selector1" : "selector2"
  }
}

resource "aws_sesv2_email_identity_feedback_attributes" "domain" {
  email_identity           = aws_sesv2_email_identity.domain.email_identity
  email_forwarding_enabled = local.first
}

# MAIL FROM without explicit settings (must converge), and with both settings changing.
resource "aws_sesv2_email_identity" "mail_from_defaults" {
  email_identity = "defaults.tf.example.com"
}

resource "aws_sesv2_email_identity_mail_from_attributes" "defaults" {
  email_identity = aws_sesv2_email_identity.mail_from_defaults.email_identity
}

resource "aws_sesv2_email_identity_mail_from_attributes" "domain" {
  email_identity         = aws_sesv2_email_identity.domain.email_identity
  behavior_on_mx_failure = local.first ? "USE_DEFAULT_VALUE" : "REJECT_MESSAGE"
  mail_from_domain       = local.first ? "bounce1.tf.example.com" : "bounce2.tf.example.com"
}

resource "aws_sesv2_email_identity_policy" "domain" {
  email_identity = aws_sesv2_email_identity.domain.email_identity
  policy_name    = "senders"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${local.account}:root" }
      Action    = local.first ? ["ses:SendEmail"] : ["ses:SendEmail", "ses:SendRawEmail"]
      Resource  = aws_sesv2_email_identity.domain.arn
    }]
  })
}

data "aws_sesv2_email_identity" "domain" {
  email_identity = aws_sesv2_email_identity.domain.email_identity
  depends_on     = [aws_sesv2_email_identity_feedback_attributes.domain]
}

data "aws_sesv2_email_identity_mail_from_attributes" "domain" {
  email_identity = aws_sesv2_email_identity_mail_from_attributes.domain.email_identity
}
