SELECT set_config('fis_accountingpoint.purge', :value, true)
