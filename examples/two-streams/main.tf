# Two isolated lanes, password resets and newsletters, with nothing but modules/ses_stream.
# Copy this folder into your repository and change `source` to the git form in README.md.

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
  account_id  = "111122223333" # your account: ARNs in policies and alarms are known at plan time
  alarm_topic = "ses-stream-alarms"
  alarm_arn   = "arn:aws:sns:us-east-1:${local.account_id}:${local.alarm_topic}"
}

# Who hears a stream's bounce or complaint alarm. Its ARN is built from known names, so the plan
# (and the gate) shows where alarms go.
resource "aws_sns_topic" "alarms" {
  name              = local.alarm_topic
  kms_master_key_id = "alias/aws/sns"
}

module "transactional" {
  source = "../../modules/ses_stream"

  name          = "transactional"
  class         = "transactional" # defaults: the class table in modules/ses_stream/README.md
  account_id    = local.account_id
  alarm_actions = [local.alarm_arn]
}

module "marketing" {
  source = "../../modules/ses_stream"

  name          = "marketing"
  class         = "marketing" # its own MANAGED pool by default
  account_id    = local.account_id
  alarm_actions = [local.alarm_arn]
}
