# Callers of modules/ses_stream as users write them: one call copy-pasted without changing
# `name`, one with inputs that break its class. tests/gate/test_stream_roots.py plans it
# offline and asserts the exact findings and the module inputs their fixes name.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

locals {
  account_id    = "111122223333"
  alarm_actions = ["arn:aws:sns:us-east-1:111122223333:ses-alarms"]
}

# The plan lists module.newsletter first (by address): the gate must still see that it is
# the copy.
module "transactional" {
  source = "../../../../modules/ses_stream"

  name          = "transactional"
  class         = "transactional"
  account_id    = local.account_id
  alarm_actions = local.alarm_actions
}

# Copied from module.transactional: the class changed, the name did not.
module "newsletter" {
  source = "../../../../modules/ses_stream"

  name          = "transactional"
  class         = "marketing"
  account_id    = local.account_id
  alarm_actions = local.alarm_actions
}

# Outside its class on purpose for the module; the gate, without a config saying so, says no.
module "digest" {
  source = "../../../../modules/ses_stream"

  name                 = "digest"
  class                = "bulk-notifications"
  account_id           = local.account_id
  alarm_actions        = local.alarm_actions
  tls_policy           = "OPTIONAL"
  outside_class_limits = true
  suppressed_reasons   = ["BOUNCE"]
  alarms               = { bounce_rate_threshold = 0.04 }
}
