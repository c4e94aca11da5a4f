output "configuration_set_name" {
  description = "The one configuration set every kind of mail is sent through."
  value       = module.catch_all.configuration_set_name
}

output "pause_state_machine_arn" {
  description = "The state machine that pauses that one set, and so every kind of mail."
  value       = module.catch_all.pause_state_machine_arn
}
