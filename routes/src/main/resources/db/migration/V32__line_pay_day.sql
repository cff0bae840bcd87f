-- A weekly or hourly line may name the day it is paid: its yearly cost then counts that day's weeks in the financial
-- year (a year of 365 days holds 53 of one weekday, a leap year 53 of two), instead of 52, so the 53rd payment is
-- not refused as past the line's cost.
alter table plan_line add column pay_day varchar(9)
    constraint plan_line_pay_day check (pay_day in ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY',
                                                    'SATURDAY', 'SUNDAY'));
