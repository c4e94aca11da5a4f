variable "emulator_endpoint" {
  description = "Base URL of the local SES emulator (moto server) every AWS service is sent to."
  type        = string
  default     = "http://127.0.0.1:4566"

  validation {
    condition     = can(regex("^https?://[^/]+$", var.emulator_endpoint))
    error_message = "emulator_endpoint must be a base URL such as http://127.0.0.1:4566 (no path)."
  }
}

variable "pause_on_alarm" {
  description = "Stream key -> whether its alarms pause it (the lab's scenario key lanes.pause_on_alarm); a stream not listed keeps its class default."
  type        = map(bool)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for key in keys(var.pause_on_alarm) : contains(["transactional", "marketing", "bulk-notifications"], key)])
    error_message = "pause_on_alarm keys must be keys of module.platform's streams in main.tf."
  }
}
