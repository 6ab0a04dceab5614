<#list hosts as host>
[=host.address] [=host.name]
</#list>
