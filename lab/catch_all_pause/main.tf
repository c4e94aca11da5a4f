# The catch-all with the module's automatic pause: still one configuration set for
# every kind of mail with the account's suppression reasons, now made by
# modules/ses_stream with its own rate alarms and pause_on_alarm. The pause that
# keeps a bad campaign from taking the account down stops the password resets too.
# Staged like lab/catch_all. Not a pattern to copy: `sesguard check` warns on it (SES040).

locals {
  domain = "mail.example.test"
}

module "catch_all" {
  source = "../../modules/ses_stream"

  name       = "catch-all"
  class      = "transactional" # it carries the resets
  account_id = "123456789012"  # moto's default account

  # One set for everything keeps the account's list: BOUNCE and COMPLAINT, resets too.
  suppressed_reasons   = ["BOUNCE", "COMPLAINT"]
  outside_class_limits = true

  pause_on_alarm  = true
  sns_destination = { event_types = [] } # no real-time topic: the alarms are the story
  alarm_actions   = [aws_sns_topic.oncall.arn]
  alarms = {
    min_send_volume = 10 # envs/local's numbers, so both runs' alarms read alike
    period_seconds  = 300
  }
}

resource "aws_sesv2_email_identity" "this" {
  email_identity         = local.domain
  configuration_set_name = module.catch_all.configuration_set_name
}

resource "aws_sns_topic" "oncall" {
  name = "ses-catch-all-oncall"
}
