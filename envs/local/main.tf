# The platform on the emulator; the provider that points every service at it is in
# provider.tf (the lab's catch-all root is staged with the same file).

module "platform" {
  source = "../../modules/ses_platform"

  environment = "local"
  account_id  = "123456789012" # moto's default account
  domain      = "mail.example.test"

  # Small numbers so a test can push a stream over its threshold.
  alarm_min_send_volume = 10
  alarm_period_seconds  = 300

  # The platform's three streams; the lab's scenarios choose which pause themselves.
  streams = {
    transactional      = { class = "transactional", pause_on_alarm = lookup(var.pause_on_alarm, "transactional", null) }
    marketing          = { class = "marketing", pause_on_alarm = lookup(var.pause_on_alarm, "marketing", null) }
    bulk-notifications = { class = "bulk-notifications", pause_on_alarm = lookup(var.pause_on_alarm, "bulk-notifications", null) }
  }

  # Every route needs a subscriber; the emulator never delivers these.
  alarm_subscriptions = {
    oncall         = [{ protocol = "email", endpoint = "oncall@example.test" }]
    deliverability = [{ protocol = "email", endpoint = "deliverability@example.test" }]
  }
}
