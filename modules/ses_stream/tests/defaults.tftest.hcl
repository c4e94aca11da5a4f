# Class defaults, explicit overrides and shared vs pooled routing, planned with
# a mock provider (no AWS, no credentials).

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name          = "resets"
  class         = "transactional"
  account_id    = "111122223333"
  alarm_actions = ["arn:aws:sns:us-east-1:111122223333:oncall"]
}

run "transactional_defaults_use_shared_pool_bounce_only_and_realtime_sns" {
  command = plan

  assert {
    condition     = aws_sesv2_configuration_set.this.configuration_set_name == "resets"
    error_message = "the configuration set must be named after the stream"
  }
  assert {
    condition     = length(aws_sesv2_dedicated_ip_pool.this) == 0 && aws_sesv2_configuration_set.this.delivery_options[0].sending_pool_name == null
    error_message = "transactional must default to the shared pool (no pool created, none named)"
  }
  assert {
    condition     = aws_sesv2_configuration_set.this.suppression_options[0].suppressed_reasons == tolist(["BOUNCE"])
    error_message = "transactional must suppress BOUNCE only"
  }
  assert {
    condition     = aws_sesv2_configuration_set.this.delivery_options[0].tls_policy == "REQUIRE" && aws_sesv2_configuration_set.this.reputation_options[0].reputation_metrics_enabled && aws_sesv2_configuration_set.this.sending_options[0].sending_enabled
    error_message = "TLS REQUIRE, reputation metrics and sending must be on by default"
  }
  assert {
    condition     = aws_sesv2_configuration_set.this.tags == tomap({ stream = "resets", class = "transactional" })
    error_message = "the set must carry its stream and class tags"
  }
  assert {
    condition     = toset(aws_sesv2_configuration_set_event_destination.sns[0].event_destination[0].matching_event_types) == toset(["BOUNCE", "COMPLAINT"]) && aws_sesv2_configuration_set_event_destination.sns[0].event_destination[0].enabled
    error_message = "transactional must publish BOUNCE and COMPLAINT to an enabled SNS destination"
  }
  assert {
    condition     = length(aws_sns_topic.events) == 1 && length(aws_kms_key.events) == 1 && aws_kms_key.events[0].enable_key_rotation
    error_message = "the module must create the events topic with its own rotating KMS key"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.rate["bounce_rate"].threshold == jsondecode(file("classes.json")).classes.transactional.max_bounce_rate && aws_cloudwatch_metric_alarm.rate["complaint_rate"].threshold == jsondecode(file("classes.json")).classes.transactional.max_complaint_rate
    error_message = "transactional thresholds must default to the class's in classes.json"
  }
  assert {
    condition     = output.ip_pool_name == null && output.ip_pool_mode == "shared"
    error_message = "outputs must report the shared pool"
  }
}

run "every_destination_is_enabled_and_cloudwatch_counts_by_stream" {
  command = plan

  assert {
    condition     = aws_sesv2_configuration_set_event_destination.cloudwatch.event_destination[0].enabled
    error_message = "the CloudWatch destination must be enabled explicitly (provider default is false)"
  }
  assert {
    condition = (
      aws_sesv2_configuration_set_event_destination.cloudwatch.event_destination[0].cloud_watch_destination[0].dimension_configuration[0].dimension_name == "stream"
      && aws_sesv2_configuration_set_event_destination.cloudwatch.event_destination[0].cloud_watch_destination[0].dimension_configuration[0].default_dimension_value == "resets"
      && aws_sesv2_configuration_set_event_destination.cloudwatch.event_destination[0].cloud_watch_destination[0].dimension_configuration[0].dimension_value_source == "MESSAGE_TAG"
    )
    error_message = "the CloudWatch destination must publish dimension stream=<name> (MESSAGE_TAG)"
  }
  assert {
    condition     = toset(aws_sesv2_configuration_set_event_destination.cloudwatch.event_destination[0].matching_event_types) == toset(["SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT", "DELIVERY_DELAY", "RENDERING_FAILURE"])
    error_message = "the CloudWatch destination must count the default event types"
  }
}

run "rate_alarms_use_metric_math_on_the_streams_own_counts" {
  command = plan

  assert {
    condition     = one([for q in aws_cloudwatch_metric_alarm.rate["bounce_rate"].metric_query : q.expression if q.id == "rate"]) == "IF(send >= 100 AND FILL(events, 0) >= 5, FILL(events, 0) / send, 0)"
    error_message = "the bounce alarm must compute bounce/send with a minimum-volume and minimum-count guard"
  }
  assert {
    condition     = one([for q in aws_cloudwatch_metric_alarm.rate["complaint_rate"].metric_query : q.expression if q.id == "rate"]) == "IF(send >= 100 AND FILL(events, 0) >= 3, FILL(events, 0) / send, 0)"
    error_message = "a transactional complaint alarm must need 3 complaints: one user pressing spam must not page on-call"
  }
  assert {
    condition = alltrue(flatten([
      for alarm in values(aws_cloudwatch_metric_alarm.rate) : [
        for q in alarm.metric_query : [
          for m in q.metric : m.namespace == "AWS/SES" && m.dimensions == tomap({ stream = "resets" }) && m.stat == "Sum"
        ]
      ]
    ]))
    error_message = "alarm metrics must be AWS/SES sums with dimension stream=<name>"
  }
  assert {
    condition     = one(flatten([for q in aws_cloudwatch_metric_alarm.rate["complaint_rate"].metric_query : [for m in q.metric : m.metric_name] if q.id == "events"])) == "Complaint"
    error_message = "the complaint alarm must divide Complaint by Send"
  }
  assert {
    condition     = !anytrue(flatten([for alarm in values(aws_cloudwatch_metric_alarm.rate) : [for q in alarm.metric_query : [for m in q.metric : startswith(m.metric_name, "Reputation.")]]]))
    error_message = "stream alarms must never use Reputation.* (never published with a stream dimension)"
  }
  assert {
    condition     = alltrue([for alarm in values(aws_cloudwatch_metric_alarm.rate) : alarm.treat_missing_data == "notBreaching" && alarm.alarm_actions == toset(var.alarm_actions) && alarm.ok_actions == toset(var.alarm_actions)])
    error_message = "alarms must treat missing data as not breaching and notify alarm_actions"
  }
}

run "marketing_defaults_to_its_own_managed_pool" {
  command = plan

  variables {
    name  = "campaigns"
    class = "marketing"
  }

  assert {
    condition     = aws_sesv2_dedicated_ip_pool.this[0].pool_name == "campaigns-pool" && aws_sesv2_dedicated_ip_pool.this[0].scaling_mode == "MANAGED"
    error_message = "marketing must get its own MANAGED pool named <name>-pool"
  }
  assert {
    condition     = aws_sesv2_configuration_set.this.delivery_options[0].sending_pool_name == "campaigns-pool"
    error_message = "the marketing set must send from its pool (a known name in the plan)"
  }
  assert {
    condition     = aws_sesv2_configuration_set.this.suppression_options[0].suppressed_reasons == tolist(["BOUNCE", "COMPLAINT"])
    error_message = "marketing must suppress BOUNCE and COMPLAINT"
  }
  assert {
    condition     = toset(aws_sesv2_configuration_set_event_destination.sns[0].event_destination[0].matching_event_types) == toset(["COMPLAINT"])
    error_message = "marketing must publish COMPLAINT to SNS"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.rate["bounce_rate"].threshold == jsondecode(file("classes.json")).classes.marketing.max_bounce_rate && aws_cloudwatch_metric_alarm.rate["complaint_rate"].threshold == jsondecode(file("classes.json")).classes.marketing.max_complaint_rate
    error_message = "marketing thresholds must default to the class's in classes.json"
  }
}

run "bulk_notifications_default_to_shared_pool_without_sns" {
  command = plan

  variables {
    name  = "digests"
    class = "bulk-notifications"
  }

  assert {
    condition     = length(aws_sesv2_dedicated_ip_pool.this) == 0 && aws_sesv2_configuration_set.this.delivery_options[0].sending_pool_name == null
    error_message = "bulk-notifications must default to the shared pool"
  }
  assert {
    condition     = length(aws_sesv2_configuration_set_event_destination.sns) == 0 && length(aws_sns_topic.events) == 0 && length(aws_kms_key.events) == 0
    error_message = "bulk-notifications must not create an SNS destination by default"
  }
  assert {
    condition     = aws_sesv2_configuration_set.this.suppression_options[0].suppressed_reasons == tolist(["BOUNCE", "COMPLAINT"])
    error_message = "bulk-notifications must suppress BOUNCE and COMPLAINT"
  }
}

run "transactional_can_move_to_its_own_standard_pool" {
  command = plan

  variables {
    ip_pool = { mode = "standard", name = "resets-ips" }
  }

  assert {
    condition     = aws_sesv2_dedicated_ip_pool.this[0].scaling_mode == "STANDARD" && aws_sesv2_configuration_set.this.delivery_options[0].sending_pool_name == "resets-ips"
    error_message = "mode standard must create a STANDARD pool and route the set through it"
  }
}

run "existing_pool_is_named_not_created" {
  command = plan

  variables {
    class   = "marketing"
    ip_pool = { mode = "existing", name = "marketing-ips" }
  }

  assert {
    condition     = length(aws_sesv2_dedicated_ip_pool.this) == 0 && aws_sesv2_configuration_set.this.delivery_options[0].sending_pool_name == "marketing-ips"
    error_message = "mode existing must name the given pool without creating one"
  }
}

run "explicit_overrides_win_over_class_defaults" {
  command = plan

  variables {
    class                  = "marketing"
    outside_class_limits   = true
    ip_pool                = { mode = "shared" }
    suppressed_reasons     = []
    tls_policy             = "OPTIONAL"
    max_delivery_seconds   = 600
    custom_redirect_domain = "track.example.com"
    sending_enabled        = false
    sns_destination = {
      event_types    = ["BOUNCE"]
      create_topic   = false
      topic_arn      = "arn:aws:sns:us-east-1:111122223333:mail-events"
      create_kms_key = false
    }
    eventbridge_destination = { event_types = ["DELIVERY"] }
    firehose_destination    = { bucket_arn = "arn:aws:s3:::mail-archive" }
    alarms = {
      bounce_rate_threshold    = 0.015
      complaint_rate_threshold = 0.0003
      min_send_volume          = 500
      min_complaints           = 4
      ok_actions               = []
    }
  }

  assert {
    condition     = length(aws_sesv2_dedicated_ip_pool.this) == 0 && aws_sesv2_configuration_set.this.delivery_options[0].sending_pool_name == null
    error_message = "an explicit shared mode must override the marketing pool default"
  }
  assert {
    condition     = length(aws_sesv2_configuration_set.this.suppression_options[0].suppressed_reasons) == 0
    error_message = "suppressed_reasons = [] must disable suppression explicitly"
  }
  assert {
    condition     = aws_sesv2_configuration_set.this.delivery_options[0].tls_policy == "OPTIONAL" && aws_sesv2_configuration_set.this.delivery_options[0].max_delivery_seconds == 600 && !aws_sesv2_configuration_set.this.sending_options[0].sending_enabled
    error_message = "delivery and sending options must follow the inputs"
  }
  assert {
    condition     = aws_sesv2_configuration_set.this.tracking_options[0].custom_redirect_domain == "track.example.com" && aws_sesv2_configuration_set.this.tracking_options[0].https_policy == "REQUIRE"
    error_message = "a custom redirect domain must be set with HTTPS required"
  }
  assert {
    condition     = length(aws_sns_topic.events) == 0 && aws_sesv2_configuration_set_event_destination.sns[0].event_destination[0].sns_destination[0].topic_arn == "arn:aws:sns:us-east-1:111122223333:mail-events"
    error_message = "a given topic must be used instead of creating one"
  }
  assert {
    condition     = aws_sesv2_configuration_set_event_destination.eventbridge[0].event_destination[0].enabled && aws_sesv2_configuration_set_event_destination.eventbridge[0].event_destination[0].event_bridge_destination[0].event_bus_arn == "arn:aws:events:us-east-1:111122223333:event-bus/default"
    error_message = "EventBridge must default to the account's default bus, enabled"
  }
  assert {
    condition     = aws_sesv2_configuration_set_event_destination.firehose[0].event_destination[0].enabled && startswith(aws_kinesis_firehose_delivery_stream.events[0].extended_s3_configuration[0].prefix, "ses-events/stream=resets/")
    error_message = "the Firehose archive must be enabled and partitioned by stream"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.rate["bounce_rate"].threshold == 0.015 && aws_cloudwatch_metric_alarm.rate["complaint_rate"].threshold == 0.0003 && length(aws_cloudwatch_metric_alarm.rate["bounce_rate"].ok_actions) == 0
    error_message = "explicit thresholds and ok_actions must win"
  }
  assert {
    condition     = one([for q in aws_cloudwatch_metric_alarm.rate["bounce_rate"].metric_query : q.expression if q.id == "rate"]) == "IF(send >= 500 AND FILL(events, 0) >= 5, FILL(events, 0) / send, 0)" && one([for q in aws_cloudwatch_metric_alarm.rate["complaint_rate"].metric_query : q.expression if q.id == "rate"]) == "IF(send >= 500 AND FILL(events, 0) >= 4, FILL(events, 0) / send, 0)"
    error_message = "min_send_volume and min_complaints must reach the alarm expressions"
  }
}

run "dashboard_widgets_show_the_alarm_expressions" {
  command = plan

  assert {
    condition     = length(output.dashboard_widgets) == 3 && output.dashboard_widgets[1].properties.metrics[0][0].expression == one([for q in aws_cloudwatch_metric_alarm.rate["bounce_rate"].metric_query : q.expression if q.id == "rate"])
    error_message = "the stream must export volume, bounce-rate and complaint-rate widgets using the alarm math"
  }
}

run "account_id_may_be_left_to_the_configuration_set_arn" {
  command = plan

  variables {
    account_id = null
  }

  # Plans without a lookup: ARNs in policies become known after apply instead.
  assert {
    condition     = aws_sesv2_configuration_set.this.configuration_set_name == "resets" && length(aws_sns_topic_policy.events) == 1
    error_message = "the module must plan without account_id"
  }
}
