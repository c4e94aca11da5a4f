# Staging: the same platform with smaller settings, in its own account and
# its own state bucket (allowed_account_ids below refuses any other account).

terraform {
  required_version = ">= 1.10" # S3 backend use_lockfile

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  backend "s3" {
    bucket       = "example-sesguard-staging-tfstate"
    key          = "sesguard/staging.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}

locals {
  account_id = "444455556666" # replace with the staging account
}

provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = [local.account_id]

  default_tags {
    tags = { project = "sesguard", environment = "staging" }
  }
}

module "platform" {
  source = "../../modules/ses_platform"

  environment = "staging"
  account_id  = local.account_id
  domain      = "mail.staging.example.com"
  # Prefixed names: staging's sets, metrics and alarms never read as production's
  # in cross-account dashboards, logs or a mis-pointed SDK profile.
  name_prefix = "staging-"

  # Staging sends little: alarm on smaller samples, over shorter periods.
  alarm_min_send_volume = 20
  alarm_period_seconds  = 900

  alarm_subscriptions = {
    # Staging pages nobody at night: its on-call route is the team's mailbox.
    oncall         = [{ protocol = "email", endpoint = "sesguard-staging-oncall@example.com" }]
    deliverability = [{ protocol = "email", endpoint = "deliverability@example.com" }]
  }
}
