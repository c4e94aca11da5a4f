"""Each language's fixture tree gives exactly the expected (rule, file, line) findings:
sends without a set, v1 sends, SMTP without the header, names that cannot be resolved;
and nothing for sends that name their set, comments, strings and look-alike methods."""

from __future__ import annotations

import pytest

EXPECTED = {
    "python": {
        ("SES015", "app/async_sender.py", 9),  # aiobotocore client inside `async with`
        ("SES015", "app/clients.py", 19),  # client from another function, **params dict
        ("SES019", "app/clients.py", 39),  # params["ConfigurationSetName"] = os.environ[…]
        ("SES019", "app/clients.py", 44),  # **request passed in by the caller
        ("SES016", "app/legacy.py", 9),  # send_raw_email
        ("SES016", "app/legacy.py", 13),  # v1 send_email (Source=, Message=)
        ("SES016", "app/legacy.py", 21),  # send_bulk_templated_email on a client parameter
        ("SES016", "app/legacy.py", 31),  # v1 with a set constant: the set is still counted
        ("SES015", "app/mailer.py", 25),  # wrapper class method, no set
        ("SES019", "app/mailer.py", 33),  # set passed through a helper's parameter
        ("SES017", "app/mailer.py", 41),  # "transactionl": not a set of the plan
        ("SES017", "app/mailer.py", 55),  # "marketting", passed to the helper of line 33
        ("SES019", "app/outbox.py", 9),  # a module-level helper passing its parameter `lane`
        ("SES017", "app/campaigns.py", 10),  # "marketting", to the helper imported from outbox
        ("SES017", "jobs/digest.py", 9),  # "bulk-notifictions", through app/__init__.py
        ("SES018", "app/smtp_sender.py", 22),  # SES SMTP endpoint, no header
        ("SES019", "app/held_clients.py", 15),  # sesv2 client in a field, caller's request
        ("SES016", "app/held_clients.py", 34),  # field set from a factory returning client("ses")
        ("SES016", "app/held_clients.py", 48),  # service chosen at run time: send_raw_email is v1
        ("SES019", "app/held_clients.py", 51),  # … send_email(**kwargs): v2 or v1, set not in view
        ("SES015", "app/imported_sends.py", 12),  # v2 client and request imported, no set
        ("SES016", "app/imported_sends.py", 20),  # v1 client imported
        ("SES019", "app/imported_sends.py", 28),  # client from an imported factory, set from env
        ("SES016", "app/imported_sends.py", 35),  # client made here, v1 request imported
        ("SES016", "config/settings.py", 4),  # django-ses backend without USE_SES_V2
        ("SES015", "config/settings_v2.py", 3),  # … on SES v2, no AWS_SES_CONFIGURATION_SET
        ("SES015", "config/anymail_settings.py", 3),  # anymail's amazon_ses (v2), no set
        ("SES016", "config/anymail_v1.py", 6),  # anymail's amazon_sesv1 backend
    },
    "javascript": {
        ("SES015", "src/sdk-v2.js", 13),  # AWS.SESV2 sendEmail(params)
        ("SES019", "src/sdk-v2.js", 17),  # process.env
        ("SES016", "src/sdk-v2.js", 26),  # AWS.SES sendTemplatedEmail
        ("SES015", "src/v3-aggregated.mjs", 7),  # SESv2 client object, request inline
        ("SES019", "src/v3-aggregated.mjs", 15),  # … and the caller's request
        ("SES016", "src/transports.js", 47),  # sendMail, nodemailer 6 SES transport ({ses, aws})
        ("SES016", "src/transports.js", 54),  # … on a transport given an AWS.SES variable
        ("SES015", "src/transports.js", 29),  # nodemailer 7 SES transport, message without a set
        ("SES018", "src/transports.js", 33),  # nodemailer SMTP to SES, no header
        ("SES016", "src/v3-legacy.js", 7),  # SendRawEmailCommand
        ("SES016", "src/v3-legacy.js", 12),  # SendEmailCommand from @aws-sdk/client-ses
        ("SES015", "src/v3-modular.ts", 28),  # SendEmailCommand(input), input without a set
        ("SES019", "src/v3-modular.ts", 43),  # input from the caller
        ("SES019", "src/v3-modular.ts", 53),  # input.ConfigurationSetName = parameter
        ("SES016", "src/sdk-v2-chain.js", 5),  # new AWS.SES({…}).sendEmail({…}).promise()
        ("SES016", "src/sdk-v2-chain.js", 13),  # … sendRawEmail(params): by the chain alone
        ("SES015", "src/sdk-v2-chain.js", 16),  # new AWS.SESV2({…}).sendEmail({…})
        ("SES016", "src/held-clients.ts", 16),  # this.ses = new AWS.SES() in the constructor
        ("SES015", "src/held-clients.ts", 28),  # class property holding an AWS.SESV2
        ("SES016", "src/held-clients.ts", 42),  # new sesv1.SendRawEmailCommand (namespace import)
        ("SES016", "src/held-clients.ts", 46),  # sesv1.SendEmailCommand: @aws-sdk/client-ses
        ("SES015", "src/held-clients.ts", 51),  # new sesv2.SendEmailCommand({Content, no set})
        ("SES016", "src/held-clients.ts", 63),  # new this.sdk.SendEmailCommand({Source})
        ("SES016", "src/held-clients.ts", 73),  # exported v1 transport: no sendMail in view
        ("SES016", "src/field-transport.js", 12),  # sendMail on a v1 transport in a field
        ("SES016", "src/field-transport.js", 16),  # … another method's
        ("SES016", "src/field-transport.js", 24),  # … a class property holding it
        ("SES016", "src/field-transport.js", 31),  # a field's transport never sent from its class
        ("SES016", "src/field-transport.js", 43),  # … beside another field's transport that is
        ("SES019", "src/held-clients.ts", 81),  # Content literal merged with the caller's fields
        ("SES019", "src/helpers.ts", 9),  # a function passing its parameter `lane` as the set
        ("SES019", "src/helpers.ts", 25),  # … and an arrow function
        ("SES017", "src/helpers.ts", 35),  # "bulk-notifictions", passed to the arrow's `lane`
        # Helpers taking the set as a field of one object parameter: their callers' names.
        ("SES019", "src/object-helpers.js", 10),  # `{ …, configurationSetName }` passed on
        ("SES019", "src/object-helpers.js", 27),  # … with a default
        ("SES015", "src/object-helpers.js", 33),  # … spread only when given: else no set
        ("SES017", "src/object-helpers.js", 50),  # "marketting", the caller's field
        ("SES017", "src/object-helpers.js", 56),  # "bulk-notifictions", a renamed field
        ("SES019", "src/object-helpers.js", 62),  # … of a function declared after its callers
        ("SES019", "src/object-helpers.ts", 14),  # typed parameter of an arrow function
        ("SES017", "src/object-helpers.ts", 26),  # default "bulk-notifictions"
        ("SES019", "src/object-helpers.ts", 29),  # … its send
        ("SES019", "src/object-helpers.ts", 40),  # arrow whose body is the send
        ("SES019", "src/object-helpers.ts", 50),  # field named ConfigurationSetName, shorthand
        ("SES017", "src/object-helpers.ts", 61),  # "transactionl", the caller's field
        ("SES019", "src/object-helpers.ts", 71),  # the set read off the parameter
        ("SES017", "src/object-helpers.ts", 82),  # "marketting", that helper's caller's field
    },
    "go": {
        ("SES015", "internal/mail/aliases.go", 13),  # ses "…/service/sesv2": the v2 package
        ("SES016", "internal/mail/aliases.go", 18),  # awsses "…/service/ses"
        ("SES016", "internal/mail/legacy.go", 13),
        ("SES016", "internal/mail/legacy.go", 29),
        ("SES015", "internal/mail/mailer.go", 43),
        ("SES019", "internal/mail/mailer.go", 58),  # aws.String(os.Getenv(…))
        ("SES015", "internal/mail/mailer.go", 68),  # input := &sesv2.SendEmailInput{…}
        ("SES019", "internal/mail/mailer.go", 74),  # *sesv2.SendEmailInput parameter
        ("SES016", "internal/oldsdk/sdkv1.go", 25),  # aws-sdk-go v1: ses.New(sess) in view
        ("SES016", "internal/oldsdk/sdkv1.go", 34),  # SendRawEmailWithContext on a *ses.SES
        ("SES016", "internal/oldsdk/sdkv1.go", 45),  # input := new(ses.…Input), setters
        ("SES015", "internal/oldsdk/sdkv1.go", 50),  # aws-sdk-go v1's sesv2, no context
        ("SES018", "internal/mail/smtp.go", 13),  # net/smtp to SES, message without the header
        ("SES018", "internal/mail/smtp.go", 23),  # … host constant in fmt.Sprintf
    },
    "java": {
        ("SES016", "src/main/java/com/example/mail/LegacyMailer.java", 13),
        ("SES016", "src/main/java/com/example/mail/LegacyMailer.java", 20),
        ("SES015", "src/main/java/com/example/mail/Mailer.java", 42),  # request variable
        ("SES019", "src/main/java/com/example/mail/Mailer.java", 46),  # lambda, parameter
        ("SES019", "src/main/java/com/example/mail/Mailer.java", 53),  # request parameter
        ("SES015", "src/main/java/com/example/mail/Mailer.java", 66),  # lambda builder
        ("SES016", "src/main/java/com/example/oldsdk/SdkV1Mailer.java", 38),  # SDK v1 client
        ("SES016", "src/main/java/com/example/oldsdk/SdkV1Mailer.java", 42),  # …Async
        ("SES016", "src/main/java/com/example/oldsdk/SdkV1Mailer.java", 46),  # builder chain
        ("SES015", "src/main/java/com/example/oldsdk/SdkV1Mailer.java", 51),  # SDK v1's SES v2
        ("SES018", "src/main/java/com/example/mail/SmtpMailer.java", 31),  # JavaMail, connect(HOST)
        ("SES018", "src/main/java/com/example/mail/SmtpMailer.java", 41),  # mail.smtp.host
        ("SES016", "src/main/java/com/example/spring/MailConfig.java", 16),  # Spring Cloud AWS
        ("SES016", "src/main/java/com/example/spring/MailConfig.java", 21),  # … JavaMailSender
    },
    "php": {
        ("SES016", "src/Mailer.php", 22),  # SesClient held in a property: sendRawEmail
        ("SES015", "src/Mailer.php", 37),  # SesV2Client, Content without a set
        ("SES019", "src/Mailer.php", 52),  # 'ConfigurationSetName' => getenv(…)
        ("SES019", "src/Mailer.php", 57),  # the caller's request array
        ("SES016", "src/Mailer.php", 69),  # new SesClient in view, 'Source' =>
        # Laravel: config/mail.php's default mailer and its transport (laravel-stock: `log`).
        ("SES016", "laravel-v1/config/mail.php", 5),  # `ses`: v1 SendRawEmail
        ("SES015", "laravel-v2/config/mail.php", 5),  # `ses-v2`, no set here nor in services
        ("SES019", "laravel-lane/config/services.php", 7),  # ses.options set from env()
        # Laravel <= 6 and Lumen: one mailer, `driver` (laravel-driver-v2: notifications.php
        # has a `driver` too, which is no mailer).
        ("SES016", "laravel-driver/config/mail.php", 5),  # env('MAIL_DRIVER', 'ses')
        ("SES015", "laravel-driver-v2/config/mail.php", 6),  # 'ses-v2', no options
    },
    "ruby": {
        ("SES016", "app/services/mailer.rb", 14),  # @legacy = Aws::SES::Client.new
        ("SES015", "app/services/mailer.rb", 27),  # Aws::SESV2::Client, content: without a set
        ("SES019", "app/services/mailer.rb", 35),  # configuration_set_name: ENV.fetch(…)
        ("SES016", "app/services/mailer.rb", 50),  # Aws::SES::Client.new in view
        ("SES016", "config/environments/production.rb", 4),  # delivery_method = :ses
        ("SES015", "config/environments/staging.rb", 3),  # :ses_v2, no configuration_set_name
        ("SES015", "app/services/delivery.rb", 5),  # client parameter, {content: …} in braces
        ("SES015", "app/services/delivery.rb", 25),  # request from the class's builder method
        ("SES019", "app/services/delivery.rb", 31),  # … its set from ENV, memoised v2 client
        ("SES019", "app/services/delivery.rb", 53),  # builder's hash: set from ENV["LANE"]
        ("SES019", "app/services/memoised_clients.rb", 8),  # memoised v2 client, caller's request
        ("SES017", "app/services/memoised_clients.rb", 13),  # builder's "marketting"
        ("SES016", "app/services/memoised_clients.rb", 35),  # memoised Aws::SES::Client
        ("SES019", "app/services/memoised_clients.rb", 51),  # method making a v2 client each call
        ("SES015", "app/services/memoised_clients.rb", 63),  # builder returning its hash: no set
    },
    "csharp": {
        ("SES016", "Mail/Mailer.cs", 27),  # IAmazonSimpleEmailService field
        ("SES015", "Mail/Mailer.cs", 46),  # request variable without ConfigurationSetName
        ("SES019", "Mail/Mailer.cs", 49),  # request parameter
        ("SES016", "Mail/Mailer.cs", 59),  # new AmazonSimpleEmailServiceClient in view
        ("SES019", "Mail/Mailer.cs", 69),  # ConfigurationSetName = Environment…
    },
}
# The literal set names the four trees' sends use (constants resolved), with their counts:
# python 2/2/8/1, javascript 1/1/3, go 0/1/2, java 0/1/2, php 0/0/1, ruby 0/1/2, csharp 1/0/0.
# With the names the helper's callers pass (app/mailer.py, lines 50, 51 and 55), a
# Laravel mailer's options (php/laravel-lane), the two imported requests and constant
# of app/imported_sends.py (lines 16 and 31), and the names app/outbox.py's callers in
# other modules pass (app/campaigns.py lines 9-11, jobs/digest.py lines 9-10), the
# callers of javascript/src/helpers.ts's helpers (lines 33-35), the fields the callers of
# javascript/src/object-helpers.* pass (js lines 48-50, 53-54, 56; ts 60-61, 63-65, 81-82)
# and those helpers' defaults (js line 20, ts line 26), and the hash a Ruby builder method
# returns (ruby/app/services/memoised_clients.rb lines 23 and 88).
SETS_USED = {
    "bulk-notifications": 7,
    "bulk-notifictions": 4,
    "marketing": 13,
    "marketting": 5,
    "transactional": 27,
    "transactionl": 2,
}
# Files with nothing but mentions: docstrings, comments, strings, same-named helpers (the
# PHP, Ruby and C# trees keep theirs beside the sends, and their exact sets cover them).
MENTIONS_ONLY = {
    "python": "app/not_sends.py",
    "javascript": "src/not-sends.ts",
    "go": "internal/mail/not_sends.go",
    "java": "src/main/java/com/example/mail/Notifications.java",
}


def found_in(report, language: str) -> set[tuple[str, str, int]]:
    prefix = f"{language}/"
    return {
        (f.rule, f.file.removeprefix(prefix), f.line)
        for f in report.findings
        if f.file.startswith(prefix)
    }


@pytest.mark.parametrize("language", EXPECTED)
def test_fixture_tree_gives_exactly_the_expected_findings(fixtures_report, language):
    assert found_in(fixtures_report, language) == EXPECTED[language]


def test_every_finding_belongs_to_a_language_tree(fixtures_report):
    assert len(fixtures_report.findings) == sum(len(e) for e in EXPECTED.values())
    assert fixtures_report.summary.files_scanned == 60
    assert fixtures_report.summary.skipped == []


def test_literal_set_names_are_counted(fixtures_report):
    assert fixtures_report.summary.configuration_sets_used == SETS_USED
    assert fixtures_report.summary.known_sets == [
        "bulk-notifications", "marketing", "transactional"
    ]  # fmt: skip


@pytest.mark.parametrize("language", MENTIONS_ONLY)
def test_mentions_in_comments_strings_and_look_alikes_are_not_sends(fixtures_report, language):
    assert MENTIONS_ONLY[language] not in {
        file for _, file, _ in found_in(fixtures_report, language)
    }


def test_a_misspelt_set_is_an_error_naming_the_closest_known_set(fixtures_report):
    typo, at_caller = [
        f for f in fixtures_report.findings if f.rule == "SES017" and f.file.endswith("mailer.py")
    ]
    assert (typo.file, typo.line, typo.severity) == ("python/app/mailer.py", 41, "error")
    assert typo.message == (
        "configuration set 'transactionl' is not a set of production.json. "
        "Did you mean 'transactional'?"
    )
    assert typo.remediation == "Use 'transactional'."
    # A helper's caller passing the name is judged at the call.
    assert (at_caller.file, at_caller.line, at_caller.remediation) == (
        "python/app/mailer.py",
        55,
        "Use 'marketing'.",
    )


def test_unresolved_names_list_the_sets_the_value_must_be_one_of(fixtures_report):
    unresolved = [f for f in fixtures_report.findings if f.rule == "SES019"]
    assert unresolved and all(
        f.message.endswith(
            "Known sets (production.json): bulk-notifications, marketing, transactional."
        )
        for f in unresolved
    )


def test_v1_findings_name_the_v2_replacement_call(fixtures_report):
    messages = {(f.file, f.line): f.message for f in fixtures_report.findings if f.rule == "SES016"}
    replacement = {
        ("python/app/legacy.py", 9): "SES v2 SendEmail with Content.Raw",
        ("python/app/legacy.py", 21): "SES v2 SendBulkEmail",
        ("javascript/src/sdk-v2.js", 26): "SES v2 SendEmail with Content.Template",
        ("go/internal/mail/legacy.go", 29): "SES v2 SendEmail with Content.Simple",
    }
    for place, call in replacement.items():
        assert messages[place].endswith(f"Replacement: {call}."), place


def test_a_helper_caller_in_another_module_is_judged_at_its_call(fixtures_report):
    (caller,) = [f for f in fixtures_report.findings if f.file == "python/app/campaigns.py"]
    assert (caller.rule, caller.line, caller.remediation) == ("SES017", 10, "Use 'marketing'.")


def test_an_object_helpers_callers_and_default_are_judged_as_set_names(fixtures_report):
    judged = {
        (f.file.removeprefix("javascript/src/"), f.line): (f.severity, f.remediation)
        for f in fixtures_report.findings
        if f.rule == "SES017" and "object-helpers" in f.file
    }
    assert judged == {
        ("object-helpers.js", 50): ("error", "Use 'marketing'."),  # the caller's field
        ("object-helpers.js", 56): ("error", "Use 'bulk-notifications'."),  # a renamed field
        ("object-helpers.ts", 26): ("error", "Use 'bulk-notifications'."),  # the default
        ("object-helpers.ts", 61): ("error", "Use 'transactional'."),
        ("object-helpers.ts", 82): ("error", "Use 'marketing'."),  # params.configurationSetName
    }
