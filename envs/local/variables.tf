variable "emulator_endpoint" {
  description = "Base URL of the local SES emulator (moto server) every AWS service is sent to."
  type        = string
  default     = "http://127.0.0.1:4566"

  validation {
    condition     = can(regex("^https?://[^/]+$", var.emulator_endpoint))
    error_message = "emulator_endpoint must be a base URL such as http://127.0.0.1:4566 (no path)."
  }
}
