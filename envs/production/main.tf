# Production: provider, backend and this environment's settings. The wiring
# itself lives in modules/ses_platform, shared by every environment.

terraform {
  required_version = ">= 1.10" # S3 backend use_lockfile

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  backend "s3" {
    bucket       = "example-sesguard-tfstate"
    key          = "sesguard/production.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}

locals {
  account_id = "111122223333" # replace with the production account
}

provider "aws" {
  region = "us-east-1"
  # Refuses to apply production anywhere but the production account.
  allowed_account_ids = [local.account_id]

  default_tags {
    tags = { project = "sesguard", environment = "production" }
  }
}

module "platform" {
  source = "../../modules/ses_platform"

  environment          = "production"
  account_id           = local.account_id
  domain               = "mail.example.com"
  dmarc_report_address = "dmarc-reports@example.com"

  event_archive_bucket_arn = "arn:aws:s3:::example-sesguard-ses-events"

  alarm_subscriptions = {
    oncall = [
      { protocol = "https", endpoint = "https://events.pagerduty.com/integration/EXAMPLE/enqueue" },
      # The application's queue of real-time transactional bounces and complaints.
      { protocol = "sqs", endpoint = "arn:aws:sqs:us-east-1:111122223333:ses-production-transactional-events" },
    ]
    deliverability = [
      { protocol = "email", endpoint = "deliverability@example.com" },
      # The campaign tool's queue of marketing complaints (to unsubscribe the address).
      { protocol = "sqs", endpoint = "arn:aws:sqs:us-east-1:111122223333:ses-production-marketing-complaints" },
    ]
  }
}
