# Every input validation rejects bad values at plan time (expect_failures).
# Each run gives several variables one bad value each (one validation rule
# per variable per run), so every rule is exercised without paying a plan per
# rule. A variable that fails its own validation leaves the cross-variable
# rules that refer to it unevaluated, so a bad name never shares a run with
# ip_pool or firehose_destination. tests/test_module_docs.py checks that every
# message starts with its variable's name and names every value of a closed set.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name          = "resets"
  class         = "transactional"
  account_id    = "111122223333"
  alarm_actions = ["arn:aws:sns:us-east-1:111122223333:oncall"]
}


run "rejects_invalid_inputs_1" {
  command = plan

  variables {
    # name with invalid characters
    name = "resets!"
    # unknown class
    class = "newsletters"
    # account id not 12 digits
    account_id = "1234"
    # unknown suppression reason
    suppressed_reasons = ["BOUNCE", "UNSUBSCRIBE"]
    # unknown tls policy
    tls_policy = "STARTTLS"
    # max delivery seconds too small
    max_delivery_seconds = 60
    # redirect domain not a dns name
    custom_redirect_domain = "https://track.example.com/"
    # unknown cloudwatch event type
    cloudwatch_destination = { event_types = ["SEND", "BOUNCE", "COMPLAINT", "OPENED"] }
    # created topic takes no topic arn
    sns_destination = { topic_arn = "arn:aws:sns:us-east-1:111122223333:events" }
    # unknown eventbridge event type
    eventbridge_destination = { event_types = ["EVERYTHING"] }
    # alarm without actions
    alarm_actions = []
    # bounce threshold at ses review level
    alarms = { bounce_rate_threshold = 0.05 }
    # identity arn with wildcard
    sending_identity_arns = ["arn:aws:ses:us-east-1:111122223333:identity/*"]
  }

  expect_failures = [var.name, var.class, var.account_id, var.suppressed_reasons, var.tls_policy, var.max_delivery_seconds, var.custom_redirect_domain, var.cloudwatch_destination, var.sns_destination, var.eventbridge_destination, var.alarm_actions, var.alarms, var.sending_identity_arns]
}

run "rejects_invalid_inputs_2" {
  command = plan

  variables {
    # unknown pool mode
    ip_pool = { mode = "dedicated" }
    # firehose bucket arn malformed
    firehose_destination = { bucket_arn = "s3://mail-archive" }
    # duplicate suppression reason
    suppressed_reasons = ["BOUNCE", "BOUNCE"]
    # max delivery seconds too large
    max_delivery_seconds = 86400
    # cloudwatch without counts the alarms need
    cloudwatch_destination = { event_types = ["SEND", "DELIVERY"] }
    # given topic needs topic arn
    sns_destination = { create_topic = false }
    # eventbridge bus arn malformed
    eventbridge_destination = { event_types = ["SEND"], event_bus_arn = "default" }
    # bounce threshold given in percent
    alarms = { bounce_rate_threshold = 2 }
  }

  expect_failures = [var.ip_pool, var.firehose_destination, var.suppressed_reasons, var.max_delivery_seconds, var.cloudwatch_destination, var.sns_destination, var.eventbridge_destination, var.alarms]
}

run "rejects_invalid_inputs_3" {
  command = plan

  variables {
    # name longer than 64
    name = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    # cloudwatch dimension with invalid characters
    cloudwatch_destination = { dimension_name = "ses stream" }
    # given key needs kms key arn
    sns_destination = { create_kms_key = false }
    # complaint threshold at ses review level
    alarms = { complaint_rate_threshold = 0.001 }
  }

  expect_failures = [var.name, var.cloudwatch_destination, var.sns_destination, var.alarms]
}

run "rejects_invalid_inputs_4" {
  command = plan

  variables {
    # default dedicated pool is rejected
    ip_pool = { mode = "existing", name = "ses-default-dedicated-pool" }
    # unknown firehose event type
    firehose_destination = { bucket_arn = "arn:aws:s3:::mail-archive", event_types = ["ALL"] }
    # unknown sns event type
    sns_destination = { event_types = ["BOUNCES"] }
    # complaint threshold zero
    alarms = { complaint_rate_threshold = 0 }
  }

  expect_failures = [var.ip_pool, var.firehose_destination, var.sns_destination, var.alarms]
}

run "rejects_invalid_inputs_5" {
  command = plan

  variables {
    # pool name with invalid characters
    ip_pool = { mode = "managed", name = "pool name" }
    # firehose prefix without trailing slash
    firehose_destination = { bucket_arn = "arn:aws:s3:::mail-archive", prefix = "events" }
    # sns topic arn malformed
    sns_destination = { create_topic = false, topic_arn = "events-topic" }
    # min send volume fractional
    alarms = { min_send_volume = 10.5 }
  }

  expect_failures = [var.ip_pool, var.firehose_destination, var.sns_destination, var.alarms]
}

run "rejects_invalid_inputs_6" {
  command = plan

  variables {
    # existing pool needs a name
    ip_pool = { mode = "existing" }
    # firehose buffering out of range
    firehose_destination = { bucket_arn = "arn:aws:s3:::mail-archive", buffering_interval_secs = 30 }
    # kms key arn malformed
    sns_destination = { create_kms_key = false, kms_key_arn = "alias/events" }
    # alarm period not supported
    alarms = { period_seconds = 120 }
  }

  expect_failures = [var.ip_pool, var.firehose_destination, var.sns_destination, var.alarms]
}

run "rejects_invalid_inputs_7" {
  command = plan

  variables {
    # shared pool takes no name
    ip_pool = { mode = "shared", name = "resets-ips" }
    # firehose name too long for iam
    name                 = "ffffffffffffffffffffffffffffffffffffffffffffffffff"
    firehose_destination = { bucket_arn = "arn:aws:s3:::mail-archive" }
    # evaluation periods out of range
    alarms = { evaluation_periods = 0 }
  }

  expect_failures = [var.ip_pool, var.firehose_destination, var.alarms]
}

run "rejects_invalid_inputs_8" {
  command = plan

  variables {
    # a single complaint would page: a minimum count of 0 disables the event guard
    alarms = { min_complaints = 0 }
    # not an ARN: CloudWatch would fail at apply without naming the variable
    alarm_actions = ["not-an-arn"]
    # SES rejects empty MatchingEventTypes at apply
    eventbridge_destination = { event_types = [] }
    firehose_destination    = { bucket_arn = "arn:aws:s3:::mail-archive", event_types = [] }
    # reserved tag prefix
    tags = { "aws:owner" = "mail" }
  }

  expect_failures = [var.alarms, var.alarm_actions, var.eventbridge_destination, var.firehose_destination, var.tags]
}

run "rejects_invalid_inputs_9" {
  command = plan

  variables {
    # a guard of 100 million sends silently disables the alarm
    alarms = { min_send_volume = 100000000 }
    # duplicates are rejected by SES
    eventbridge_destination = { event_types = ["BOUNCE", "BOUNCE"] }
  }

  expect_failures = [var.alarms, var.eventbridge_destination]
}

run "rejects_non_arn_ok_actions" {
  command = plan

  variables {
    alarms = { ok_actions = ["oncall"] }
  }

  expect_failures = [var.alarms]
}

run "rejects_a_default_pool_name_over_64_characters" {
  command = plan

  variables {
    # marketing creates <name>-pool: 62 + 5 characters is over the SES limit
    class = "marketing"
    name  = "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm"
  }

  expect_failures = [var.ip_pool]
}

# Legal for the module, outside the class limits of classes.json (which the plan gate reads):
# refused at plan, unless the caller opts out on purpose.
run "refuses_values_outside_the_class_limits" {
  command = plan

  variables {
    class              = "marketing"
    suppressed_reasons = ["BOUNCE"]
    ip_pool            = { mode = "shared" }
    alarms             = { bounce_rate_threshold = 0.04, complaint_rate_threshold = 0.0009 }
  }

  expect_failures = [aws_sesv2_configuration_set.this]
}

run "accepts_values_outside_the_class_limits_on_purpose" {
  command = plan

  variables {
    class                = "marketing"
    outside_class_limits = true
    suppressed_reasons   = ["BOUNCE"]
    ip_pool              = { mode = "shared" }
    alarms               = { bounce_rate_threshold = 0.04 }
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.rate["bounce_rate"].threshold == 0.04
    error_message = "outside_class_limits = true must let the threshold through"
  }
}
