"""gunicorn's configuration (`gunicorn --config python:gehoord.gunicorn_config gehoord.wsgi`).

The access log goes to standard output, without personal data (see `gehoord.access_log`):
time, request line with personal links and query strings masked, status, size, duration.
"""

accesslog = "-"
logger_class = "gehoord.access_log.AccessLogger"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
