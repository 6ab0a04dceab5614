<#-- the JVM flags of every service: its heap, the serial collector, and C1 alone (TieredStopAtLevel=1). A master
     node starts five of these JVMs at once, an agent one, on a couple of cores shared with the other nodes of the
     plan: C2's compilations of start-up code are about a third of each JVM's start (a master's went from 2.6 to 1.8
     CPU seconds), while the services' steady load is small enough for C1's code. -->
<#macro opts heapMb>-Xmx[=heapMb?c]m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError</#macro>
