# One transactional lane and the sending domain whose default configuration set it is, so
# code that forgets ConfigurationSetName still lands in this lane (modules/ses_stream and
# modules/ses_identity). Copy this folder and change `source` to the git form in README.md.

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.81, < 7.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

locals {
  account_id  = "111122223333"
  alarm_topic = "ses-oncall"
  alarm_arn   = "arn:aws:sns:us-east-1:${local.account_id}:${local.alarm_topic}"
  domain      = "mail.example.com"
}

# Who hears the stream's alarms. Its ARN is built from known names, so the plan (and the gate)
# shows where alarms go.
resource "aws_sns_topic" "oncall" {
  name              = local.alarm_topic
  kms_master_key_id = "alias/aws/sns"
}

module "transactional" {
  source = "../../modules/ses_stream"

  name          = "transactional"
  class         = "transactional"
  account_id    = local.account_id
  alarm_actions = [local.alarm_arn]
  # The identity below may send through this set (the send policy names it).
  sending_identity_arns = ["arn:aws:ses:us-east-1:${local.account_id}:identity/${local.domain}"]
}

module "identity" {
  source = "../../modules/ses_identity"

  domain                         = local.domain
  default_configuration_set_name = module.transactional.configuration_set_name
}
