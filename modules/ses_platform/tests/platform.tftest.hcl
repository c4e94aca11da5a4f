# The composition every environment calls: streams, routes, identity, backstop,
# dashboard; and its own validations.

mock_provider "aws" {
  source = "../ses_stream/tests/mocks"
}

variables {
  environment = "test"
  account_id  = "111122223333"
  domain      = "mail.example.com"
  alarm_subscriptions = {
    oncall         = [{ protocol = "https", endpoint = "https://pager.example.com/hook" }]
    deliverability = [{ protocol = "email", endpoint = "deliverability@example.com" }]
  }
}

run "default_platform_wires_the_three_streams_of_spec_section_2" {
  command = plan

  assert {
    condition     = toset(keys(output.streams)) == toset(keys(jsondecode(file("../ses_stream/classes.json")).classes))
    error_message = "the default platform must have one stream per class of classes.json"
  }
  assert {
    condition     = output.streams["marketing"].ip_pool_name == "marketing-pool" && output.streams["transactional"].ip_pool_name == null && output.streams["bulk-notifications"].ip_pool_name == null
    error_message = "only marketing sends from its own pool by default"
  }
  assert {
    condition     = module.identity.default_configuration_set_name == "transactional"
    error_message = "the identity's default set must be the transactional stream"
  }
  assert {
    condition     = module.stream_identity["marketing"].identity == "marketing.mail.example.com" && module.stream_identity["marketing"].default_configuration_set_name == "marketing" && module.stream_identity["bulk-notifications"].default_configuration_set_name == "bulk-notifications" && !contains(keys(module.stream_identity), "transactional")
    error_message = "every non-transactional stream must send from <key>.<domain> whose default set is the stream itself"
  }
  assert {
    condition     = aws_sns_topic.alarms["oncall"].name == "ses-test-oncall" && aws_sns_topic.alarms["deliverability"].name == "ses-test-deliverability"
    error_message = "there must be separate on-call and deliverability alarm routes"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.account["bounce_rate"].metric_name == "Reputation.BounceRate" && aws_cloudwatch_metric_alarm.account["bounce_rate"].dimensions == null && aws_cloudwatch_metric_alarm.account["bounce_rate"].alarm_actions == toset(["arn:aws:sns:us-east-1:111122223333:ses-test-oncall"])
    error_message = "the account backstop must watch Reputation.BounceRate without dimensions and page on-call"
  }
  assert {
    condition     = module.stream["transactional"].events_topic_arn == "arn:aws:sns:us-east-1:111122223333:ses-test-oncall" && module.stream["marketing"].events_topic_arn == "arn:aws:sns:us-east-1:111122223333:ses-test-deliverability" && module.stream["bulk-notifications"].events_topic_arn == null
    error_message = "real-time events must go to the stream's route: transactional to on-call, marketing to deliverability, bulk none"
  }
  assert {
    condition     = length(jsondecode(aws_cloudwatch_dashboard.streams.dashboard_body).widgets) == 10
    error_message = "the dashboard must hold three widgets per stream plus the account widget"
  }
}

run "environments_add_streams_rename_and_reroute" {
  command = plan

  variables {
    name_prefix = "staging-"
    streams = {
      transactional = { class = "transactional" }
      receipts      = { class = "transactional", alarm_route = "deliverability" }
    }
    event_archive_bucket_arn = "arn:aws:s3:::archive"
  }

  assert {
    condition     = output.streams["receipts"].configuration_set_name == "staging-receipts"
    error_message = "name_prefix must prefix every configuration set"
  }
  assert {
    condition     = output.streams["receipts"].alarm_route == "deliverability" && output.streams["transactional"].alarm_route == "oncall"
    error_message = "alarm_route must override the class route"
  }
  assert {
    condition     = module.identity.default_configuration_set_name == "staging-transactional"
    error_message = "the identity default must follow the prefix"
  }
  assert {
    condition     = length(module.stream) == 2
    error_message = "streams replaces the default list"
  }
  assert {
    condition     = length(module.stream_identity) == 0
    error_message = "transactional-class streams share the root identity unless own_identity is set"
  }
}

run "rejects_invalid_settings" {
  command = plan

  variables {
    environment = "Prod"
    account_id  = "1111-2222-3333"
    name_prefix = "staging prefix"
    streams = {
      transactional = { class = "transactional", alarm_route = "pager" }
    }
    account_alarm_thresholds = { bounce_rate = 0.05 }
  }

  expect_failures = [var.environment, var.account_id, var.name_prefix, var.streams, var.account_alarm_thresholds]
}

run "rejects_a_missing_default_stream_and_a_complaint_backstop_at_review_level" {
  command = plan

  variables {
    default_stream           = "password-resets"
    account_alarm_thresholds = { complaint_rate = 0.001 }
    alarm_subscriptions = {
      oncall         = [{ protocol = "sms", endpoint = "+15550100" }]
      deliverability = [{ protocol = "email", endpoint = "deliverability@example.com" }]
    }
  }

  expect_failures = [var.default_stream, var.account_alarm_thresholds, var.alarm_subscriptions]
}

run "rejects_an_alarm_route_nobody_receives" {
  command = plan

  variables {
    # marketing and bulk-notifications route to deliverability, which has no subscriber.
    alarm_subscriptions = { oncall = [{ protocol = "https", endpoint = "https://pager.example.com/hook" }] }
  }

  expect_failures = [var.alarm_subscriptions]
}

run "an_env_without_deliverability_streams_needs_no_deliverability_subscriber" {
  command = plan

  variables {
    streams             = { transactional = { class = "transactional" } }
    alarm_subscriptions = { oncall = [{ protocol = "https", endpoint = "https://pager.example.com/hook" }] }
  }

  assert {
    condition     = keys(aws_sns_topic.alarms) == ["oncall"]
    error_message = "a route no alarm uses must not exist (nobody would read it)"
  }
}

run "rejects_invalid_stream_fields_naming_the_env_input" {
  command = plan

  variables {
    streams = {
      transactional = { class = "newsletters" }
    }
    alarm_min_send_volume    = 100000000
    alarm_period_seconds     = 120
    tags                     = { "aws:team" = "mail" }
    domain                   = "Mail.Example.com"
    event_archive_bucket_arn = "archive"
  }

  expect_failures = [var.streams, var.alarm_min_send_volume, var.alarm_period_seconds, var.tags, var.domain, var.event_archive_bucket_arn]
}

run "rejects_invalid_stream_closed_sets" {
  command = plan

  variables {
    streams = {
      transactional = { class = "transactional", suppressed_reasons = ["SPAM"] }
    }
  }

  expect_failures = [var.streams]
}

run "rejects_invalid_stream_pool_mode" {
  command = plan

  variables {
    streams = {
      transactional = { class = "transactional", ip_pool = { mode = "dedicated" } }
    }
  }

  expect_failures = [var.streams]
}

run "rejects_invalid_stream_sns_event_types" {
  command = plan

  variables {
    streams = {
      transactional = { class = "transactional", sns_event_types = ["BOUNCES"] }
    }
  }

  expect_failures = [var.streams]
}

run "rejects_a_stream_key_that_is_no_dns_label" {
  command = plan

  variables {
    streams = {
      transactional = { class = "transactional" }
      Marketing_EU  = { class = "marketing" }
    }
  }

  expect_failures = [var.streams]
}

run "rejects_empty_streams" {
  command = plan

  variables {
    streams = {}
  }

  # default_stream refers to streams, so only the streams rule reports.
  expect_failures = [var.streams]
}
