# «25 қараша 2026 ж., 15:43»; `newsdate` lowers the month, which Django's catalogue capitalises.
DATETIME_FORMAT = "j E Y ж., H:i"
DATE_FORMAT = "j E Y ж."
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
